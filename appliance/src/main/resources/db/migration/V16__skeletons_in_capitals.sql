-- A login name's skeletons now include the name in capitals: "alice" shown as ALICE reads as ALlCE, so a user
-- "ALlCE" (small L) could pass for her. The appliance computes skeletons (SQL cannot), so the login names' rows
-- are dropped here and the appliance writes them anew at its next start, oldest account first, as it did when
-- skeletons were introduced (V2). Display names keep theirs until they are next set.

DELETE FROM username_skeletons WHERE display_name = FALSE;
