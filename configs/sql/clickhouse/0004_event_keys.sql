-- Nothing changes in ClickHouse at version 4: the SQLite store re-keyed
-- its event id index (event_ids became event_keys). Both stores keep the
-- same migration versions so `adstitch migrate` reports them alike.
SELECT 1;
