/** Table definitions shared by the udf and jobs modules: the single source of truth for column names and types. */
package org.sparkradiomics.schemas;
