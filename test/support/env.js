// Python children of the tests must not leave __pycache__ folders in templates/.
process.env.PYTHONDONTWRITEBYTECODE = '1';
