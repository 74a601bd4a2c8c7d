-- ID numbers are masked to their last four characters (the region code and the birth year
-- together left a few dozen guesses for the rest).
UPDATE person SET id_number_masked = repeat('*', length(id_number_masked) - 4) || right(id_number_masked, 4);
