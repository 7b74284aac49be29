/// Decoding benchmarks: every leaf transfer-decoded, every text part transcoded to UTF-8 (the work of
/// `gmime_parse decode` and `mailparse stats --decode`), and base64 / quoted-printable / charset codecs alone.
///
/// TO ADD (lead): `throughputBenchmark("Decode.all-leaves", corpora) { bytes in … }` returning decoded bytes,
/// and codec benchmarks over buffers prepared in a `setup:` closure.
func registerDecodeBenchmarks(_ corpora: [BenchmarkCorpus]) {}
