-- Who approved a placement is either a user Jenkins authenticated (the approval page) or a name stated on the
-- command line; the record says which. Rows from before carry a stated name.
ALTER TABLE placements ADD COLUMN approval VARCHAR(20);
UPDATE placements SET approval = 'stated' WHERE approver IS NOT NULL;
