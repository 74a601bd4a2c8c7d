-- ADM-9, ADM-11: besides work pushed outside the lists (ADM-7), a community records a
-- department's separate assessments and one-vote vetoes, and the plaques, ledgers, systems and
-- work bodies imposed on it; reviewed like refusals, counted by kind.
ALTER TABLE admission_refusal ADD COLUMN kind text NOT NULL DEFAULT 'non_admitted_work';
ALTER TABLE admission_refusal ADD CONSTRAINT admission_refusal_kind_valid CHECK (kind IN (
    'non_admitted_work', 'separate_assessment', 'one_vote_veto', 'plaque', 'ledger', 'information_system', 'work_body'));
