# The octo node (Quarkus fast-jar) for docker/compose.yaml. Packages an ALREADY BUILT node/target/quarkus-app/:
#   mvn -B -DskipTests package (or ./octo --help, which builds first)   then   docker compose -f docker/compose.yaml build
# Build context: the repository root (compose sets it); node.Dockerfile.dockerignore keeps the context to the app.
FROM eclipse-temurin:21-jre

# /manifest: mount point of compose's "manifest" volume; a fresh named volume takes this owner, so octo can write it.
RUN groupadd --system octo \
    && useradd --system --gid octo --home-dir /opt/octo --shell /usr/sbin/nologin octo \
    && mkdir -p /opt/octo /manifest \
    && chown octo:octo /opt/octo /manifest
WORKDIR /opt/octo

# Same layering as Quarkus' own Dockerfile.jvm: dependencies first (change least), the application last.
COPY --chown=octo:octo node/target/quarkus-app/lib/ /opt/octo/lib/
COPY --chown=octo:octo node/target/quarkus-app/*.jar /opt/octo/
COPY --chown=octo:octo node/target/quarkus-app/app/ /opt/octo/app/
COPY --chown=octo:octo node/target/quarkus-app/quarkus/ /opt/octo/quarkus/

USER octo
ENV OCTO_HTTP_PORT=8080 \
    JAVA_OPTS_APPEND=""
EXPOSE 8080

# Commands as for ./octo: "start" (the services; needs the OCTO_* settings), "deploy --rpc ... --key-env ...", "--help".
ENTRYPOINT ["sh", "-c", "exec java --add-modules jdk.incubator.vector $JAVA_OPTS_APPEND -jar /opt/octo/quarkus-run.jar \"$@\"", "octo"]
CMD ["start"]
