#!/usr/bin/env bash
# spark-radiomics on YARN (Hadoop cluster, EMR on EC2 master node, Dataproc): runs one job in cluster mode.
#
#   cluster-config/yarn/submit.sh index   --input s3a://BUCKET/export/
#   cluster-config/yarn/submit.sh extract --params ibsi:CT
#
# Environment: RADIOMICS_JAR (default: the cluster jar built by `mvn -Pcluster package`), RADIOMICS_WAREHOUSE_URI
# (s3a://BUCKET/warehouse or hdfs:///radiomics/warehouse), SPARK_SUBMIT (default spark-submit), EXECUTORS (4),
# EXECUTOR_CORES (4), EXECUTOR_MEMORY (8g). S3 credentials: instance profile or environment, never arguments.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 index|extract|sql [ARGS...]" >&2; exit 2; }
JAR="${RADIOMICS_JAR:-$(ls "$ROOT"/jobs/target/spark-radiomics-jobs-*-cluster.jar 2>/dev/null | head -n 1)}"
[ -n "$JAR" ] || { echo "no cluster jar: run 'mvn -Pcluster -DskipTests package' or set RADIOMICS_JAR" >&2; exit 2; }
: "${RADIOMICS_WAREHOUSE_URI:?set RADIOMICS_WAREHOUSE_URI, e.g. s3a://BUCKET/warehouse}"
exec "${SPARK_SUBMIT:-spark-submit}" \
  --master yarn \
  --deploy-mode cluster \
  --name "spark-radiomics-$1" \
  --properties-file "$HERE/../spark-defaults.conf" \
  --conf spark.sql.warehouse.dir="$RADIOMICS_WAREHOUSE_URI" \
  --num-executors "${EXECUTORS:-4}" \
  --executor-cores "${EXECUTOR_CORES:-4}" \
  --executor-memory "${EXECUTOR_MEMORY:-8g}" \
  --driver-memory 4g \
  --class org.sparkradiomics.jobs.RadiomicsCli \
  "$JAR" "$@"
