package io.cipherocto.governance.chain;

/** {@code IGovernor.ProposalState}, in the governor's order (the uint8 the contract returns is the ordinal). */
public enum ProposalState {
    Pending,
    Active,
    Canceled,
    Defeated,
    Succeeded,
    Queued,
    Expired,
    Executed;

    public static ProposalState of(int ordinal) {
        ProposalState[] all = values();
        if (ordinal < 0 || ordinal >= all.length) {
            throw new IllegalArgumentException("unknown proposal state " + ordinal);
        }
        return all[ordinal];
    }
}
