package kafka

import (
	"context"
	"errors"
	"fmt"
	"time"

	kafkago "github.com/segmentio/kafka-go"
)

// EnsureTopic creates cfg's topic with the given number of partitions
// (DefaultPartitions when partitions <= 0) unless it exists. Replication is
// min(3, brokers in the cluster): acks=all then means "on every replica".
// An existing topic is left as it is, whatever its partition count.
func EnsureTopic(ctx context.Context, cfg Config, partitions int) error {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return err
	}
	if partitions <= 0 {
		partitions = DefaultPartitions
	}
	transport := &kafkago.Transport{ClientID: "adstitch-admin"}
	defer transport.CloseIdleConnections()
	client := &kafkago.Client{Addr: kafkago.TCP(cfg.Brokers...), Timeout: 30 * time.Second, Transport: transport}

	meta, err := client.Metadata(ctx, &kafkago.MetadataRequest{Topics: []string{cfg.Topic}})
	if err != nil {
		return fmt.Errorf("ensure kafka topic %s: metadata: %w", cfg.Topic, err)
	}
	for _, t := range meta.Topics {
		if t.Name == cfg.Topic && t.Error == nil && len(t.Partitions) > 0 {
			return nil
		}
	}
	replication := min(3, len(meta.Brokers))
	if replication < 1 {
		replication = 1
	}
	res, err := client.CreateTopics(ctx, &kafkago.CreateTopicsRequest{Topics: []kafkago.TopicConfig{{
		Topic:             cfg.Topic,
		NumPartitions:     partitions,
		ReplicationFactor: replication,
	}}})
	if err != nil {
		return fmt.Errorf("ensure kafka topic %s: create: %w", cfg.Topic, err)
	}
	if err := res.Errors[cfg.Topic]; err != nil && !errors.Is(err, kafkago.TopicAlreadyExists) {
		return fmt.Errorf("ensure kafka topic %s: create with %d partitions, replication %d: %w",
			cfg.Topic, partitions, replication, err)
	}
	return nil
}
