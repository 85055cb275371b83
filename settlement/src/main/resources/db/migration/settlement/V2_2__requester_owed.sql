-- Running total of accepted fees per requester and epoch (docs/settlement.md "Escrow check"). ReceiptStore adds each
-- batch's fees in the transaction that inserts the receipts, holding the requester's advisory lock, so the escrow
-- check reads one row per (requester, epoch) instead of summing the epoch's receipts. owed = sum(fee) of
-- settlement.receipts for the same requester and epoch at every commit.
CREATE TABLE settlement.requester_owed (
    requester  TEXT          NOT NULL,
    epoch      BIGINT        NOT NULL,
    owed       NUMERIC(78,0) NOT NULL CHECK (owed >= 0),
    PRIMARY KEY (requester, epoch)
);

INSERT INTO settlement.requester_owed (requester, epoch, owed)
SELECT requester, epoch, sum(fee) FROM settlement.receipts GROUP BY requester, epoch;
