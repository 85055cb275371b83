package io.cipherocto.node.cli;

import java.io.PrintStream;

/** {@code octo --help}. */
public final class Usage {
    private Usage() {
    }

    public static int print(PrintStream out) {
        out.println("""
            octo: the CipherOcto settlement and governance node

            Usage: ./octo <command> [options]

            Commands:
              start-dev [--fresh] [--simulate]
                                       embedded PostgreSQL + local anvil chain + deployed suite + every service,
                                       API on http://localhost:8080 (--fresh wipes .octo-dev first; --simulate
                                       drives providers, a cheater, requesters, epochs, claims and a vote)
              start [--roles indexer,settlement,governance,verifier,webhooks]
                                       the services against an external JSON-RPC endpoint and PostgreSQL
                                       (settings: docs/operations.md; missing ones are named on failure)
              deploy --rpc URL --key-env VAR [--config FILE] [--manifest FILE] [--dev]
                                       deploy and wire the contract suite on any chain (safe to re-run)
              merkle build --types T1,T2,... --in values.csv --out tree.json
              merkle proof --tree tree.json --index N
              merkle root --tree tree.json
                                       OpenZeppelin StandardMerkleTree (standard-v1) tools
              audit verify-epoch N     recompute epoch N from stored receipts, attestations and chain data and
                                       compare with the root on chain (exit 0 only on a match; settings as start)
              audit verify-epoch N --bundle FILE|URL [--rpc URL] [--manifest FILE]
                                       recompute epoch N from its public bundle and the chain alone (no database,
                                       no node); prints the first difference
              vote PROPOSAL_ID for|against|abstain [--reason TEXT] [--gasless [--node URL]]
                                       vote with the key's voting power: castVote(WithReason) on the governor,
                                       or (--gasless) an EIP-712 ballot POSTed to the node and followed until
                                       confirmed
              claim [--token ADDR] [--node URL]
                                       claim everything claimable (proofs from the node's /api/v1/rewards) in one
                                       transaction (claimMany)
              provider status|register|stake|unbond|withdraw [--role ROLE] [--octo AMOUNT] [--role-amount AMOUNT]
                                       provider registration, dual stake per role, unbonding queue (StakingManager)
              escrow status|deposit AMOUNT|withdraw [AMOUNT]
                                       requester prepayment in the PaymentEscrow (withdraw AMOUNT requests,
                                       withdraw alone pays the request out once withdrawable)
                                       Transaction verbs: key from OCTO_PRIVATE_KEY, or --keystore FILE with
                                       OCTO_KEYSTORE_PASSWORD; chain and manifest from --rpc/--manifest, the
                                       settings, or a running start-dev; amounts are integer wei or 2.5octo; each
                                       prints its transaction hashes and refuses (exit 1, nothing sent) when the
                                       call would revert
              test                     run every test (forge + Java): the README's test command
              help                     this text
            """);
        return 0;
    }
}
