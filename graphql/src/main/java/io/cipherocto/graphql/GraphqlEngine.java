package io.cipherocto.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.parser.ParserOptions;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.cipherocto.governance.api.ProposalDetail;
import io.cipherocto.platform.api.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The GraphQL schema ({@code graphql/schema.graphqls}) wired to {@link Resolvers}, with the limits: query text length
 * and tokens (parser), depth and complexity (graphql-java's instrumentations). Executes one request and hands the
 * result and the failures of its resolvers to {@link GraphqlResource}, which turns them into the error contract.
 */
@ApplicationScoped
public class GraphqlEngine {
    static final String SCHEMA_RESOURCE = "graphql/schema.graphqls";
    /** GraphQLContext key: the {@link ApiException}s the resolvers of one request failed with, in order. */
    static final String FAILURES = "octo.failures";

    @ConfigProperty(name = "octo.graphql.max-depth", defaultValue = "10")
    int maxDepth;

    @ConfigProperty(name = "octo.graphql.max-complexity", defaultValue = "500")
    int maxComplexity;

    @ConfigProperty(name = "octo.graphql.max-query-chars", defaultValue = "20000")
    int maxQueryChars;

    @ConfigProperty(name = "octo.graphql.max-query-tokens", defaultValue = "5000")
    int maxQueryTokens;

    @Inject
    Resolvers resolvers;

    private String sdl;
    private GraphQL graphql;
    /** The same schema without the data queries' limits, for introspection-only documents (good-faith checks apply). */
    private GraphQL introspection;

    /** One request's outcome: the graphql-java result and the resolvers' failures (mapped to ApiExceptions). */
    public record Outcome(ExecutionResult result, List<ApiException> failures) {
    }

    /** A limit of the query (depth, complexity) was exceeded: 400 with {@code code}. */
    static final class LimitExceeded extends AbortExecutionException {
        final String code;

        LimitExceeded(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    @PostConstruct
    void init() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + SCHEMA_RESOURCE);
            }
            sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TypeDefinitionRegistry types = new SchemaParser().parse(sdl);
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(types, wiring());
        // introspection (a tool's schema query, GraphiQL's among them: some 15 levels of nested ofType, hundreds of
        // fields) is bounded by the schema itself and by graphql-java's good-faith introspection checks (depth at most
        // 20, a bounded number of fields; beyond them 400 invalid_query): the depth and complexity limits below are for
        // data queries
        introspection = GraphQL.newGraphQL(schema).defaultDataFetcherExceptionHandler(new ResolverFailures()).build();
        graphql = GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new ResolverFailures())
                .instrumentation(new ChainedInstrumentation(List.of(
                        new MaxQueryDepthInstrumentation(maxDepth) {
                            @Override
                            protected AbortExecutionException mkAbortException(int depth, int max) {
                                return new LimitExceeded("query_too_deep", "the query is " + depth + " levels deep; at most "
                                        + max + " are allowed (octo.graphql.max-depth)");
                            }
                        },
                        new MaxQueryComplexityInstrumentation(maxComplexity) {
                            @Override
                            protected AbortExecutionException mkAbortException(int complexity, int max) {
                                return new LimitExceeded("query_too_complex", "the query selects " + complexity
                                        + " fields; at most " + max + " are allowed (octo.graphql.max-complexity)");
                            }
                        })))
                .build();
    }

    /** The schema in SDL, as served at GET /graphql/schema.graphql. */
    public String sdl() {
        return sdl;
    }

    public int maxQueryChars() {
        return maxQueryChars;
    }

    public Outcome execute(String query, String operationName, Map<String, Object> variables) {
        Queue<ApiException> failures = new ConcurrentLinkedQueue<>();
        ParserOptions parser = ParserOptions.getDefaultOperationParserOptions().transform(o -> o.maxCharacters(maxQueryChars)
                .maxTokens(maxQueryTokens));
        ExecutionInput input = ExecutionInput.newExecutionInput().query(query).operationName(operationName)
                .variables(variables == null ? Map.of() : variables)
                .graphQLContext(b -> b.of(FAILURES, failures).of(ParserOptions.class, parser)).build();
        ExecutionResult r = (introspectionOnly(query, parser) ? introspection : graphql).execute(input);
        return new Outcome(r, List.copyOf(failures));
    }

    /**
     * Whether every operation of the document selects only introspection fields ({@code __schema}, {@code __type},
     * {@code __typename}) at its top level. A document that does not parse is not (the limited path reports it).
     */
    static boolean introspectionOnly(String query, ParserOptions options) {
        Document doc;
        try {
            doc = new Parser().parseDocument(ParserEnvironment.newParserEnvironment()
                    .document(query).parserOptions(options).build());
        } catch (RuntimeException e) {
            return false;
        }
        List<OperationDefinition> operations = doc.getDefinitionsOfType(OperationDefinition.class);
        if (operations.isEmpty()) {
            return false;
        }
        for (OperationDefinition op : operations) {
            for (Selection<?> sel : op.getSelectionSet().getSelections()) {
                if (!(sel instanceof Field f) || !f.getName().startsWith("__")) {
                    return false;
                }
            }
        }
        return true;
    }

    private RuntimeWiring wiring() {
        Resolvers r = resolvers;
        return RuntimeWiring.newRuntimeWiring()
                .scalar(Scalars.BIG_INT).scalar(Scalars.LONG).scalar(Scalars.JSON)
                .type("Query", t -> t
                        .dataFetcher("epochs", e -> r.epochs(e.getArgument("after"), e.<Integer>getArgument("limit")))
                        .dataFetcher("epoch", e -> r.epoch(e.<Long>getArgument("epoch")))
                        .dataFetcher("rewards", e -> r.rewards(e.getArgument("address")))
                        .dataFetcher("earnings", e -> r.earnings(e.getArgument("address"), e.getArgument("after"),
                                e.<Integer>getArgument("limit")))
                        .dataFetcher("receipts", e -> r.receipts(e.<Long>getArgument("epoch"), e.getArgument("provider"),
                                e.getArgument("requester"), e.getArgument("after"), e.<Integer>getArgument("limit")))
                        .dataFetcher("attestations", e -> r.attestations(e.getArgument("epoch"), e.getArgument("provider")))
                        .dataFetcher("slashes", e -> r.slashes(e.getArgument("provider")))
                        .dataFetcher("events", e -> r.events(e.getArgument("contract"), e.getArgument("event"),
                                e.<Long>getArgument("fromBlock"), e.getArgument("toBlock"), e.getArgument("after"),
                                e.<Integer>getArgument("limit")))
                        .dataFetcher("stake", e -> r.stake(e.getArgument("provider"), e.<Integer>getArgument("role"),
                                e.getArgument("block")))
                        .dataFetcher("proposals", e -> r.proposals(e.getArgument("after"), e.<Integer>getArgument("limit")))
                        .dataFetcher("proposal", e -> r.proposal(e.getArgument("id")))
                        .dataFetcher("votingPower", e -> r.votingPower(e.getArgument("address"), e.getArgument("proposalId")))
                        .dataFetcher("provider", e -> r.provider(e.getArgument("address")))
                        .dataFetcher("member", e -> r.member(e.getArgument("address"))))
                .type("PendingRoot", t -> t.dataFetcher("cumulativeAmounts", e -> {
                    Map<String, String> m = ((io.cipherocto.settlement.api.RewardQueries.Pending) e.getSource()).cumulativeAmounts();
                    return m.entrySet().stream().map(x -> Map.of("token", x.getKey(), "amount", x.getValue())).toList();
                }))
                .type("Verdict", t -> t.dataFetcher("jobId", key("job_id")))
                .type("Tallies", t -> t.dataFetcher("for", e -> ((io.cipherocto.governance.api.ProposalView.Tallies) e.getSource())
                        .forVotes()))
                .type("Proposal", t -> t
                        .dataFetcher("tallies", e -> ((ProposalDetail) e.getSource()).votes())
                        .dataFetcher("votes", e -> r.votes(((ProposalDetail) e.getSource()).proposalId())))
                .build();
    }

    private static DataFetcher<Object> key(String name) {
        return (DataFetchingEnvironment e) -> ((Map<?, ?>) e.getSource()).get(name);
    }
}
