package org.sparkradiomics.schemas;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One table: its name, purpose, columns (each documented) and partition columns. The Spark schema, the SQL DDL and
 * the documentation page are all derived from this single definition.
 */
public final class TableDef {
  private final String name;
  private final String description;
  private final List<StructField> fields;
  private final List<String> partitionColumns;
  private final java.util.Map<String, String> deltaProperties;

  private TableDef(String name, String description, List<StructField> fields, List<String> partitionColumns,
      java.util.Map<String, String> deltaProperties) {
    this.name = name;
    this.description = description;
    this.fields = Collections.unmodifiableList(fields);
    this.partitionColumns = Collections.unmodifiableList(partitionColumns);
    this.deltaProperties = Collections.unmodifiableMap(deltaProperties);
  }

  public static Builder table(String name, String description) {
    return new Builder(name, description);
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public StructType schema() {
    return new StructType(fields.toArray(new StructField[0]));
  }

  public List<String> partitionColumns() {
    return partitionColumns;
  }

  /** Column list in Spark SQL DDL form, with the column comments. */
  public String ddl() {
    return schema().toDDL();
  }

  /** Delta table properties set when the table is created as Delta (none for Parquet). */
  public java.util.Map<String, String> deltaProperties() {
    return deltaProperties;
  }

  /**
   * {@code CREATE TABLE IF NOT EXISTS db.name (...) USING format PARTITIONED BY (...) COMMENT '...'}, plus
   * {@code TBLPROPERTIES} of {@link #deltaProperties} when the format is {@code delta}.
   */
  public String createStatement(String database, String format) {
    StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(database).append('.').append(name)
        .append(" (").append(ddl()).append(") USING ").append(format);
    if (!partitionColumns.isEmpty()) {
      sb.append(" PARTITIONED BY (").append(String.join(", ", partitionColumns)).append(')');
    }
    sb.append(" COMMENT '").append(description.replace("'", "\\'")).append('\'');
    if (format.equalsIgnoreCase("delta") && !deltaProperties.isEmpty()) {
      List<String> props = new ArrayList<>();
      deltaProperties.forEach((k, v) -> props.add("'" + k + "' = '" + v + "'"));
      sb.append(" TBLPROPERTIES (").append(String.join(", ", props)).append(')');
    }
    return sb.toString();
  }

  /** Markdown documentation of the table. */
  public String markdown() {
    StringBuilder sb = new StringBuilder("### `").append(name).append("`\n\n").append(description).append("\n\n");
    if (!partitionColumns.isEmpty()) {
      sb.append("Partitioned by: ").append(String.join(", ", partitionColumns)).append("\n\n");
    }
    sb.append("| column | type | nullable | meaning |\n|---|---|---|---|\n");
    for (StructField f : fields) {
      sb.append("| `").append(f.name()).append("` | ").append(f.dataType().simpleString()).append(" | ")
          .append(f.nullable() ? "yes" : "no").append(" | ").append(f.getComment().getOrElse(() -> ""))
          .append(" |\n");
    }
    return sb.toString();
  }

  /** Builder collecting documented columns in order. */
  public static final class Builder {
    private final String name;
    private final String description;
    private final List<StructField> fields = new ArrayList<>();
    private final List<String> partitionColumns = new ArrayList<>();
    private final java.util.Map<String, String> deltaProperties = new java.util.LinkedHashMap<>();

    private Builder(String name, String description) {
      this.name = name;
      this.description = description;
    }

    public Builder required(String column, DataType type, String comment) {
      return add(column, type, false, comment);
    }

    public Builder optional(String column, DataType type, String comment) {
      return add(column, type, true, comment);
    }

    private Builder add(String column, DataType type, boolean nullable, String comment) {
      for (StructField f : fields) {
        if (f.name().equals(column)) {
          throw new IllegalArgumentException("duplicate column " + column + " in " + name);
        }
      }
      Metadata md = new MetadataBuilder().putString("comment", comment).build();
      fields.add(new StructField(column, type, nullable, md));
      return this;
    }

    /** A Delta table property (e.g. {@code delta.dataSkippingStatsColumns}), set at creation. */
    public Builder deltaProperty(String key, String value) {
      deltaProperties.put(key, value);
      return this;
    }

    public Builder partitionedBy(String... columns) {
      for (String c : columns) {
        if (fields.stream().noneMatch(f -> f.name().equals(c))) {
          throw new IllegalArgumentException("partition column " + c + " is not a column of " + name);
        }
        partitionColumns.add(c);
      }
      return this;
    }

    public TableDef build() {
      return new TableDef(name, description, new ArrayList<>(fields), new ArrayList<>(partitionColumns),
          new java.util.LinkedHashMap<>(deltaProperties));
    }
  }
}
