// Package kafka moves ad events through Kafka when adstitch runs as a
// cluster: a Publisher drains the local spool into a topic, and a Loader
// (the `adstitch load` worker) consumes that topic in a consumer group into
// an analytics.Sink.
//
// The contract is "nothing lost, nothing counted twice". Publisher.Deliver
// returns nil only when every record is acknowledged by all in-sync
// replicas; the Loader commits an offset only after the sink confirmed the
// insert of every event before it. Both sides deliver at least once, and
// sinks deduplicate by event id, which together count each event once.
//
// This package owns the Kafka client configuration and the record format on
// the wire (the JSON of analytics.Event, keyed by session id). It does not
// own the spool, the stores, or the CLI wiring.
package kafka
