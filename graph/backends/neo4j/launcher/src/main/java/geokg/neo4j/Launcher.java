package geokg.neo4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded, with only the Bolt connector, on a loopback address.
 *
 * Usage: Launcher HOME_DIR [PORT] [HOST] [PAGECACHE_MB] [TX_TIMEOUT_S]
 * Prints "GEOKG-NEO4J-READY bolt://HOST:PORT" once the default database answers a query,
 * and shuts down cleanly on SIGTERM/SIGINT through a JVM shutdown hook.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Launcher HOME_DIR [PORT] [HOST] [PAGECACHE_MB] [TX_TIMEOUT_S]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 7687;
        String host = args.length > 2 ? args[2] : "127.0.0.1";
        long pagecacheMb = args.length > 3 ? Long.parseLong(args[3]) : 512;
        long txTimeoutS = args.length > 4 ? Long.parseLong(args[4]) : 60;

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMb))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutS))
                // Transaction logs serve recovery and backups; the default keeps two days of them,
                // several times the store's own size after a bulk load. Checkpoints prune past 1 GiB.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1G size")
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("GEOKG-NEO4J-STOPPING");
            System.out.flush();
            dbms.shutdown();
            stopped.countDown();
        }, "geokg-neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        db.executeTransactionally("RETURN 1");
        System.out.println("GEOKG-NEO4J-READY bolt://" + host + ":" + port);
        System.out.flush();
        stopped.await();
    }
}
