import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { HOST, PORTS, VERSIONS, paths } from '../config';
import { commandExists, run } from '../runtime/exec';
import { withFileLock } from '../runtime/lock';
import { forgetPid, ownedPid, recordPid, spawnDetached, terminate } from '../runtime/processes';
import { withHeartbeat } from '../runtime/wait';
import type { Component } from './component';

const libsDir = join(paths.kafkaCache, 'libs');
const completeMarker = join(paths.kafkaCache, '.complete');
const dataDir = join(paths.kafka, 'data');
const logsDir = join(paths.kafka, 'logs');
const serverProperties = join(paths.kafka, 'server.properties');
const log4jConfig = join(paths.kafka, 'log4j2.properties');
/** Any fixed 16-byte id works for a single dev node; base64url without padding as Kafka expects. */
const CLUSTER_ID = Buffer.from('saga-platform-dv').toString('base64url');

/**
 * Kafka in KRaft mode (combined broker + controller) from Maven Central jars. The jars come from a Maven
 * project of its own (packaging pom) so no other dependency can shift Kafka's versions.
 */
export const kafka: Component = {
  name: 'kafka',
  logFile: join(paths.kafka, 'kafka.log'),
  startupTimeoutMs: 120_000,

  async install() {
    if (existsSync(completeMarker)) return;
    if (!(await commandExists('java'))) throw new Error('java (17+) not found');
    if (!(await commandExists('mvn'))) throw new Error('mvn not found');
    await withFileLock(join(paths.kafkaCache, '.lock'), async () => {
      if (existsSync(completeMarker)) return;
      mkdirSync(paths.kafkaCache, { recursive: true });
      const pom = join(paths.kafkaCache, 'pom.xml');
      writeFileSync(pom, kafkaPom());
      const staging = join(paths.kafkaCache, 'libs.tmp');
      rmSync(staging, { recursive: true, force: true });
      const mvnLog = join(paths.kafkaCache, 'mvn.log');
      await withHeartbeat(
        `kafka: fetching the ${VERSIONS.kafka} jars with maven into ${paths.kafkaCache}`,
        mvnLog,
        () =>
          run(
            'mvn',
            [
              '-B',
              '-q',
              '-f',
              pom,
              'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
              `-DoutputDirectory=${staging}`,
              '-DincludeScope=runtime',
            ],
            { logFile: mvnLog },
          ),
      );
      if (!readdirSync(staging).some((f) => f.startsWith(`kafka_2.13-${VERSIONS.kafka}`))) {
        throw new Error('maven finished but the kafka jar is missing');
      }
      rmSync(libsDir, { recursive: true, force: true });
      renameSync(staging, libsDir);
      writeFileSync(completeMarker, new Date().toISOString());
    });
  },

  async isHealthy() {
    const admin = new Kafka({
      clientId: 'saga-infra-health',
      brokers: [`${HOST}:${PORTS.kafka}`],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1000,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0 && cluster.controller !== null;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  },

  async start() {
    for (const dir of [dataDir, logsDir]) mkdirSync(dir, { recursive: true });
    writeFileSync(serverProperties, brokerConfig());
    writeFileSync(log4jConfig, LOG4J2);
    const classpath = `${libsDir}/*`;
    const log4j = `-Dlog4j2.configurationFile=${log4jConfig}`;
    await run('java', [
      '-cp',
      classpath,
      log4j,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      CLUSTER_ID,
      '-c',
      serverProperties,
      '--ignore-formatted',
    ]);
    const pid = spawnDetached(
      'java',
      [
        // every integration run leaves prefixed test topics behind; at 512 MB a day of runs (~15,000
        // partitions) exhausted the heap and the broker stopped answering
        '-Xms512m',
        '-Xmx1536m',
        '-XX:+UseG1GC',
        '-Djava.awt.headless=true',
        `-Dkafka.logs.dir=${logsDir}`,
        log4j,
        '-cp',
        classpath,
        'kafka.Kafka',
        serverProperties,
      ],
      { logFile: this.logFile },
    );
    recordPid('kafka', pid, serverProperties);
  },

  isOwned: () => ownedPid('kafka', serverProperties) !== undefined,

  async stop() {
    const pid = ownedPid('kafka', serverProperties);
    if (pid) await terminate(pid, 60_000);
    forgetPid('kafka');
  },
};

function kafkaPom(): string {
  const dep = (g: string, a: string, v: string) =>
    `    <dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`;
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.saga-platform</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>${VERSIONS.kafka}</version>
  <packaging>pom</packaging>
  <dependencies>
${dep('org.apache.kafka', 'kafka_2.13', VERSIONS.kafka)}
${dep('org.apache.logging.log4j', 'log4j-slf4j-impl', VERSIONS.log4j)}
${dep('org.apache.logging.log4j', 'log4j-core', VERSIONS.log4j)}
${dep('org.apache.logging.log4j', 'log4j-api', VERSIONS.log4j)}
  </dependencies>
</project>
`;
}

export function brokerConfig(): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${HOST}:${PORTS.kafkaController}`,
    `listeners=PLAINTEXT://${HOST}:${PORTS.kafka},CONTROLLER://${HOST}:${PORTS.kafkaController}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${PORTS.kafka}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Catalog topics are created explicitly with their partitions; auto-creation only helps ad-hoc test topics.
    'auto.create.topics.enable=true',
    '',
  ].join('\n');
}

/** Warnings and the start/stop lines only: at INFO the broker logs every partition change of every test topic. */
const LOG4J2 = `status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRefs = stdout
rootLogger.appenderRef.stdout.ref = STDOUT
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = INFO
logger.broker.name = kafka.server.BrokerServer
logger.broker.level = INFO
`;
