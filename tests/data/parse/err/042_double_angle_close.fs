profile < @ = count() > >
