#!/usr/bin/env bash
# spark-radiomics on a Spark standalone cluster (sbin/start-master.sh + start-worker.sh): one job in cluster mode.
#
#   SPARK_MASTER_URL=spark://master:7077 cluster-config/standalone/submit.sh index --input s3a://BUCKET/export/
#   SPARK_MASTER_URL=spark://master:7077 cluster-config/standalone/submit.sh extract --params ibsi:MR
#
# Environment: SPARK_MASTER_URL (required), RADIOMICS_JAR (a path or URL every worker can read; default: the local
# cluster jar, uploaded by spark-submit in client mode only, so cluster mode needs a shared path), RADIOMICS_WAREHOUSE_URI
# (required), DEPLOY_MODE (cluster), TOTAL_CORES (8), EXECUTOR_CORES (4), EXECUTOR_MEMORY (8g).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 index|extract|sql [ARGS...]" >&2; exit 2; }
: "${SPARK_MASTER_URL:?set SPARK_MASTER_URL, e.g. spark://master:7077}"
: "${RADIOMICS_WAREHOUSE_URI:?set RADIOMICS_WAREHOUSE_URI, e.g. s3a://BUCKET/warehouse}"
JAR="${RADIOMICS_JAR:-$(ls "$ROOT"/jobs/target/spark-radiomics-jobs-*-cluster.jar 2>/dev/null | head -n 1)}"
[ -n "$JAR" ] || { echo "no cluster jar: run 'mvn -Pcluster -DskipTests package' or set RADIOMICS_JAR" >&2; exit 2; }
exec "${SPARK_SUBMIT:-spark-submit}" \
  --master "$SPARK_MASTER_URL" \
  --deploy-mode "${DEPLOY_MODE:-cluster}" \
  --name "spark-radiomics-$1" \
  --properties-file "$HERE/../spark-defaults.conf" \
  --conf spark.sql.warehouse.dir="$RADIOMICS_WAREHOUSE_URI" \
  --total-executor-cores "${TOTAL_CORES:-8}" \
  --executor-cores "${EXECUTOR_CORES:-4}" \
  --executor-memory "${EXECUTOR_MEMORY:-8g}" \
  --class org.sparkradiomics.jobs.RadiomicsCli \
  "$JAR" "$@"
