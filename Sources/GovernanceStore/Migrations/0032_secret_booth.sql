-- ELE-8: secret ballot; a station without a secret writing booth (秘密写票处) cannot open voting.
ALTER TABLE election_station ADD COLUMN secret_booth boolean NOT NULL DEFAULT true;
