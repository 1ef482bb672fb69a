-- spark-radiomics: a walk-through of the tables for analysts.
-- Run a statement with `bin/radiomics sql "<statement>"` (persistent catalog under ./warehouse or
-- $RADIOMICS_WAREHOUSE), or paste the file into any Spark SQL / Databricks notebook cell by cell.
-- Statements are separated by semicolons at the end of a line; DemoCommandTest runs every one of them on the
-- demo's tables, so this file stays true to the schemas.

USE radiomics;

-- 1. What was indexed: series per modality and scanner (the site/scanner fields are the batch-effect covariates).
SELECT modality, manufacturer, count(*) AS series, sum(instance_count) AS instances, sum(voxel_count) AS voxels
FROM series GROUP BY modality, manufacturer ORDER BY modality, manufacturer;

-- 2. Regions of interest and the mask objects they come from.
SELECT modality, mask_kind, count(*) AS rois FROM rois GROUP BY modality, mask_kind ORDER BY modality, mask_kind;

-- 3. Everything that could not be processed, with its typed reason (errors are data, never silent NaNs).
SELECT stage, reason, count(*) AS n, min(message) AS example FROM quarantine GROUP BY stage, reason
ORDER BY stage, reason;

-- 4. Extraction runs: what ran, with which params, how long.
SELECT run_id, substr(params_hash, 1, 12) AS params, rois_selected, rois_extracted, rois_quarantined,
       feature_rows, round(wall_seconds, 1) AS seconds, completed
FROM extraction_runs ORDER BY started_at;

-- 5. Long form: one row per ROI x image type x feature; undefined values carry their reason.
SELECT modality, image_type, count(DISTINCT roi_id) AS rois, count(*) AS rows, count(value) AS defined
FROM features GROUP BY modality, image_type ORDER BY modality, image_type;

-- 6. One feature across modalities (IBSI tags in the ibsi profile, PyRadiomics names in the pyradiomics profile).
SELECT modality, count(*) AS rois, round(avg(value), 3) AS mean_volume_mm3, round(min(value), 3) AS min_mm3,
       round(max(value), 3) AS max_mm3
FROM features WHERE feature = 'morph_volume' GROUP BY modality ORDER BY modality;

-- 7. Why values are undefined.
SELECT feature, undefined_reason, count(*) AS n FROM features WHERE value IS NULL
GROUP BY feature, undefined_reason ORDER BY n DESC, feature LIMIT 20;

-- 8. A modelling matrix: pivot a few features to one row per ROI (the extract job also writes a full wide table
--    per params hash, features_wide_<first 12 hex of the hash>).
SELECT roi_id, patient_key, modality,
       max(CASE WHEN feature = 'stat_mean' THEN value END) AS stat_mean,
       max(CASE WHEN feature = 'stat_var' THEN value END) AS stat_var,
       max(CASE WHEN feature = 'morph_volume' THEN value END) AS morph_volume
FROM features WHERE image_type = 'original' GROUP BY roi_id, patient_key, modality ORDER BY roi_id;
