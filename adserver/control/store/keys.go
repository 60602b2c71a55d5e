package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/control"
)

// SecretPrefix starts every stored key's secret, so that a leaked one is
// recognizable (secret scanners) and the API can tell it from config keys.
const SecretPrefix = "ask_"

// CreateKey creates an API key and returns its secret, shown this once:
// only its SHA-256 is stored. Roles: admin, analyst, service, and
// marketer, which needs advertiserID (an existing advertiser); the other
// roles must not have one.
func (s *Store) CreateKey(ctx context.Context, role, advertiserID, name string) (string, campaign.APIKey, error) {
	if err := checkKey(role, advertiserID, name); err != nil {
		return "", campaign.APIKey{}, fmt.Errorf("create key: %w", invalid(err))
	}
	var b [32]byte
	rand.Read(b[:]) // never fails (crypto/rand panics on failure)
	secret := SecretPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	sum := sha256.Sum256([]byte(secret))
	k := campaign.APIKey{ID: newID(prefixKey), Role: role, AdvertiserID: advertiserID, Name: name, CreatedAt: now()}
	err := s.write(ctx, "create key", func(tx *sql.Tx) error {
		if advertiserID != "" {
			if _, _, err := getAdvertiser(ctx, tx, advertiserID); errors.Is(err, ErrNotFound) {
				return invalidField("advertiser_id", "no advertiser "+strconv.Quote(advertiserID))
			} else if err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO api_keys (id, role, advertiser_id, name, secret_sha256, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, k.ID, k.Role, nullString(advertiserID), k.Name, sum[:], toDB(k.CreatedAt))
		return err
	})
	if err != nil {
		return "", campaign.APIKey{}, err
	}
	return secret, k, nil
}

// Authenticate returns the key whose secret this is, or ErrNotFound. The
// key is looked up by the secret's SHA-256, so the time taken tells
// nothing about how close a guess was.
func (s *Store) Authenticate(ctx context.Context, secret string) (campaign.APIKey, error) {
	if !strings.HasPrefix(secret, SecretPrefix) {
		return campaign.APIKey{}, fmt.Errorf("authenticate: %w", ErrNotFound)
	}
	sum := sha256.Sum256([]byte(secret))
	var (
		k       campaign.APIKey
		adv     sql.NullString
		stored  []byte
		created int64
	)
	err := s.db.QueryRowContext(ctx, `SELECT id, role, advertiser_id, name, secret_sha256, created_at
		FROM api_keys WHERE secret_sha256 = ?`, sum[:]).Scan(&k.ID, &k.Role, &adv, &k.Name, &stored, &created)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && subtle.ConstantTimeCompare(stored, sum[:]) != 1) {
		return campaign.APIKey{}, fmt.Errorf("authenticate: %w", ErrNotFound)
	}
	if err != nil {
		return campaign.APIKey{}, fmt.Errorf("authenticate: %w", err)
	}
	k.AdvertiserID, k.CreatedAt = adv.String, fromDB(created)
	return k, nil
}

// ListKeys returns every stored key (never a secret), oldest first.
func (s *Store) ListKeys(ctx context.Context) ([]campaign.APIKey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, role, advertiser_id, name, created_at FROM api_keys ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("list keys: %w", err)
	}
	defer rows.Close()
	out := []campaign.APIKey{}
	for rows.Next() {
		var (
			k       campaign.APIKey
			adv     sql.NullString
			created int64
		)
		if err := rows.Scan(&k.ID, &k.Role, &adv, &k.Name, &created); err != nil {
			return nil, fmt.Errorf("list keys: %w", err)
		}
		k.AdvertiserID, k.CreatedAt = adv.String, fromDB(created)
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list keys: %w", err)
	}
	return out, nil
}

// DeleteKey revokes key id.
func (s *Store) DeleteKey(ctx context.Context, id string) error {
	return s.write(ctx, "delete key", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM api_keys WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notFound("key", id)
		}
		return nil
	})
}

func checkKey(role, advertiserID, name string) error {
	switch role {
	case campaign.RoleMarketer:
		if advertiserID == "" {
			return &control.FieldError{Field: "advertiser_id", Msg: "required for a marketer key"}
		}
	case campaign.RoleAdmin, campaign.RoleAnalyst, campaign.RoleService:
		if advertiserID != "" {
			return &control.FieldError{Field: "advertiser_id", Msg: "only marketer keys belong to an advertiser"}
		}
	default:
		return &control.FieldError{Field: "role", Msg: "must be admin, marketer, analyst or service, got " + strconv.Quote(role)}
	}
	if len(name) > control.MaxNameLen {
		return &control.FieldError{Field: "name", Msg: "must be at most 200 bytes"}
	}
	return nil
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
