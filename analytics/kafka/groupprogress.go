package kafka

import (
	"context"
	"errors"
	"fmt"

	kafkago "github.com/segmentio/kafka-go"
)

// groupProgress asks the brokers how far a consumer group got in a topic,
// whichever member owns each partition, and whether it is rebalancing.
type groupProgress struct {
	client       *kafkago.Client
	transport    *kafkago.Transport
	topic, group string
}

func newGroupProgress(cfg Config) *groupProgress {
	t := &kafkago.Transport{ClientID: "adstitch-loader-watch"}
	return &groupProgress{
		client:    &kafkago.Client{Addr: kafkago.TCP(cfg.Brokers...), Transport: t},
		transport: t,
		topic:     cfg.Topic,
		group:     cfg.GroupID,
	}
}

func (g *groupProgress) close() { g.transport.CloseIdleConnections() }

// offsets returns, for every partition of the topic, the log's first and
// next offsets and the group's committed offset.
func (g *groupProgress) offsets(ctx context.Context) ([]partitionOffsets, error) {
	meta, err := g.client.Metadata(ctx, &kafkago.MetadataRequest{Topics: []string{g.topic}})
	if err != nil {
		return nil, fmt.Errorf("metadata %s: %w", g.topic, err)
	}
	var parts []int
	var first, next []kafkago.OffsetRequest
	for _, t := range meta.Topics {
		if t.Error != nil {
			return nil, fmt.Errorf("metadata %s: %w", g.topic, t.Error)
		}
		for _, p := range t.Partitions {
			parts = append(parts, p.ID)
			first = append(first, kafkago.FirstOffsetOf(p.ID))
			next = append(next, kafkago.LastOffsetOf(p.ID))
		}
	}
	// Two requests: brokers refuse a partition twice in one ListOffsets.
	starts, err := g.logOffsets(ctx, first)
	if err != nil {
		return nil, err
	}
	ends, err := g.logOffsets(ctx, next)
	if err != nil {
		return nil, err
	}
	committed, err := g.committed(ctx, parts)
	if err != nil {
		return nil, err
	}
	out := make([]partitionOffsets, 0, len(parts))
	for _, p := range parts {
		c, ok := committed[p]
		if !ok {
			c = -1
		}
		out = append(out, partitionOffsets{partition: p, first: starts[p], next: ends[p], committed: c})
	}
	return out, nil
}

// logOffsets lists one offset (first or next, as reqs ask) per partition.
func (g *groupProgress) logOffsets(ctx context.Context, reqs []kafkago.OffsetRequest) (map[int]int64, error) {
	res, err := g.client.ListOffsets(ctx, &kafkago.ListOffsetsRequest{Topics: map[string][]kafkago.OffsetRequest{g.topic: reqs}})
	if err != nil {
		return nil, fmt.Errorf("list offsets %s: %w", g.topic, err)
	}
	out := make(map[int]int64, len(reqs))
	for _, p := range res.Topics[g.topic] {
		if p.Error != nil {
			return nil, fmt.Errorf("offsets of %s/%d: %w", g.topic, p.Partition, p.Error)
		}
		out[p.Partition] = max(p.FirstOffset, p.LastOffset) // the one asked for; the other is -1
	}
	if len(out) != len(reqs) {
		return nil, fmt.Errorf("list offsets %s: %d of %d partitions answered", g.topic, len(out), len(reqs))
	}
	return out, nil
}

// committed returns the group's committed offset by partition; a
// partition the group never committed is missing or -1.
func (g *groupProgress) committed(ctx context.Context, parts []int) (map[int]int64, error) {
	res, err := g.client.OffsetFetch(ctx, &kafkago.OffsetFetchRequest{GroupID: g.group, Topics: map[string][]int{g.topic: parts}})
	if err == nil {
		err = res.Error
	}
	switch {
	case errors.Is(err, kafkago.GroupIdNotFound):
		return nil, nil // no member ever joined: nothing committed
	case err != nil:
		return nil, fmt.Errorf("offsets of group %s: %w", g.group, err)
	}
	out := make(map[int]int64, len(parts))
	for _, p := range res.Topics[g.topic] {
		if p.Error != nil {
			return nil, fmt.Errorf("offset of group %s in %s/%d: %w", g.group, g.topic, p.Partition, p.Error)
		}
		out[p.Partition] = p.CommittedOffset
	}
	return out, nil
}

// rebalancing reports whether the group is between generations: members
// are (re)joining or waiting for their assignments, and no partition
// moves until the coordinator completes the rebalance (or its timeout
// drops the members that did not rejoin).
func (g *groupProgress) rebalancing(ctx context.Context) (bool, error) {
	res, err := g.client.DescribeGroups(ctx, &kafkago.DescribeGroupsRequest{GroupIDs: []string{g.group}})
	if err != nil {
		return false, fmt.Errorf("describe group %s: %w", g.group, err)
	}
	for _, grp := range res.Groups {
		if grp.GroupID != g.group {
			continue
		}
		if grp.Error != nil {
			return false, fmt.Errorf("describe group %s: %w", g.group, grp.Error)
		}
		return grp.GroupState == "PreparingRebalance" || grp.GroupState == "CompletingRebalance", nil
	}
	return false, fmt.Errorf("describe group %s: not in the answer", g.group)
}

// GroupLag reads how far a consumer group is behind in its topic: the sum
// over partitions of the records past what it committed (kafka-go's
// Reader.Stats().Lag is only the last fetched partition's).
type GroupLag struct{ g *groupProgress }

// NewGroupLag returns a GroupLag for cfg's brokers, topic and group
// (defaults applied). Close releases its connections.
func NewGroupLag(cfg Config) *GroupLag {
	if cfg.Topic == "" {
		cfg.Topic = DefaultTopic
	}
	if cfg.GroupID == "" {
		cfg.GroupID = DefaultGroupID
	}
	return &GroupLag{g: newGroupProgress(cfg)}
}

// Lag returns the group's lag now. Nothing committed in a partition (or a
// commit retention passed) counts from the partition's first offset.
func (l *GroupLag) Lag(ctx context.Context) (int64, error) {
	parts, err := l.g.offsets(ctx)
	if err != nil {
		return 0, err
	}
	var lag int64
	for _, p := range parts {
		lag += max(p.next-max(p.committed, p.first), 0)
	}
	return lag, nil
}

func (l *GroupLag) Close() { l.g.close() }
