package io.cipherocto.settlement.support;

/** Its own anvil and database for the whole-epoch tests (a distinct resource class, so Quarkus does not share it). */
public class FlowEnvironment extends SettlementTestEnvironment {
}
