// A database's segmentation model as a file: the shipped model, model files, and the copy
// of its model each database folder keeps (schema.h kModelFileName). Apart from the
// learning in segmentation.h, so that the searcher does not link the indexing code (and
// its HTML and Markdown libraries, which every process would then load).
#pragma once

#include <optional>
#include <string>

#include "segment/segmenter.h"

namespace tracuu {

// The shipped model: segmenter.model of the data files (resources.h resource_file).
std::string shipped_model_path();

// Loads a model file; throws Error (with the file named) when it cannot be used.
Segmenter load_model(const std::string& path);

// The model of the database folder `db_path` whose fingerprint (segmenter_id) is `id`,
// from the copy in its folder (schema.h kModelFileName); else nothing (no file, another
// model, not laid out as a model). Cheaper than the metadata, which Xapian reads back
// whole: the file is mapped, told from another model by the checksum it ends with, and
// looked up in place (only the pages a query's lookups touch are read). The mapping lives as long
// as the model and its copies: the file must be replaced only by rename meanwhile (schema.h).
std::optional<Segmenter> model_beside_database(const std::string& db_path, const std::string& id);

// Whether the model file in the database folder `db_path` is the model `id`.
bool model_file_is(const std::string& db_path, const std::string& id);

// Writes `serialized` as the model file of the database folder `db_path` (to a temporary
// name, then renamed); false when it cannot (the searcher then reads the metadata).
bool write_model_file(const std::string& db_path, const std::string& serialized);

}  // namespace tracuu
