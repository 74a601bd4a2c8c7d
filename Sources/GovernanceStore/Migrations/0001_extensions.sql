-- ltree gives every area a materialised path (c3302.d03.s07.m12.g05) and subtree tests with <@.
CREATE EXTENSION IF NOT EXISTS ltree;
