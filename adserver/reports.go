package adserver

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/adstitch/adstitch/analytics"
	"github.com/adstitch/adstitch/configs"
)

// campaignReport answers GET /v1/reports/campaigns/{id}?from=&to=&group_by=&format=json|csv
// for analyst and admin keys.
func (s *Server) campaignReport(ctx *fasthttp.RequestCtx, id string) {
	if !s.callerHasRole(ctx, configs.RoleAnalyst, configs.RoleAdmin) {
		jsonError(ctx, fasthttp.StatusUnauthorized, "unauthorized", "an analyst or admin API key is required (Authorization: Bearer <key>)")
		return
	}
	if s.reports == nil {
		jsonError(ctx, fasthttp.StatusServiceUnavailable, "no_store", "no analytics store is configured")
		return
	}
	if id == "" || strings.Contains(id, "/") {
		jsonError(ctx, fasthttp.StatusNotFound, "not_found", "expected /v1/reports/campaigns/{id}")
		return
	}
	q, format, err := parseReportQuery(ctx.QueryArgs(), s.now())
	if err != nil {
		jsonError(ctx, fasthttp.StatusBadRequest, "invalid_query", err.Error())
		return
	}
	q.Campaign = id
	rctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rep, err := s.reports.CampaignReport(rctx, q)
	if err != nil {
		s.throttle.warn(s.log, "report", "report failed", "campaign", id, "err", err)
		jsonError(ctx, fasthttp.StatusInternalServerError, "report_failed", "the report could not be computed: "+err.Error())
		return
	}
	if format == "csv" {
		ctx.SetContentType("text/csv; charset=utf-8")
		ctx.Response.Header.Set("Content-Disposition", `attachment; filename="campaign-`+id+`.csv"`)
		ctx.SetBody(reportCSV(rep, q.GroupBy))
		return
	}
	if rep.Rows == nil {
		rep.Rows = []analytics.ReportRow{}
	}
	writeJSON(ctx, fasthttp.StatusOK, rep)
}

// parseReportQuery reads from/to (RFC 3339 or YYYY-MM-DD; default: the
// last 7 days), group_by (comma list of analytics.GroupKeys) and format.
func parseReportQuery(args *fasthttp.Args, now time.Time) (analytics.ReportQuery, string, error) {
	q := analytics.ReportQuery{To: now.UTC().Add(time.Second).Truncate(time.Second)}
	q.From = q.To.Add(-7 * 24 * time.Hour)
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"from", &q.From}, {"to", &q.To}} {
		v := string(args.Peek(p.name))
		if v == "" {
			continue
		}
		t, err := parseReportTime(v)
		if err != nil {
			return q, "", errorf("%s: %q is not an RFC 3339 time or a YYYY-MM-DD date", p.name, v)
		}
		*p.dst = t
	}
	if !q.From.Before(q.To) {
		return q, "", errorf("from (%s) must be before to (%s)", q.From.Format(time.RFC3339), q.To.Format(time.RFC3339))
	}
	if v := string(args.Peek("group_by")); v != "" {
		for _, k := range strings.Split(v, ",") {
			k = strings.TrimSpace(k)
			if !slices.Contains(analytics.GroupKeys, k) {
				return q, "", errorf("group_by: unknown key %q (use %s)", k, strings.Join(analytics.GroupKeys, ", "))
			}
			if !slices.Contains(q.GroupBy, k) {
				q.GroupBy = append(q.GroupBy, k)
			}
		}
	}
	format := string(args.Peek("format"))
	switch format {
	case "", "json":
		format = "json"
	case "csv":
	default:
		return q, "", errorf("format: %q is not json or csv", format)
	}
	return q, format, nil
}

func parseReportTime(v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC(), nil
	}
	return time.Parse("2006-01-02", v)
}

// reportCSV writes the rows with the group keys first, in query order.
func reportCSV(rep *analytics.Report, groupBy []string) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := append(append([]string{}, groupBy...), "impressions", "starts", "first_quartiles", "midpoints",
		"third_quartiles", "completes", "completion_rate", "unique_viewers", "avg_frequency", "fill_rate")
	_ = w.Write(header)
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	n := func(v int64) string { return strconv.FormatInt(v, 10) }
	for _, r := range rep.Rows {
		var rec []string
		for _, k := range groupBy {
			rec = append(rec, r.Keys[k])
		}
		rec = append(rec, n(r.Impressions), n(r.Starts), n(r.FirstQuartiles), n(r.Midpoints), n(r.ThirdQuartiles),
			n(r.Completes), f(r.CompletionRate), n(r.UniqueViewers), f(r.AvgFrequency), f(r.FillRate))
		_ = w.Write(rec)
	}
	w.Flush()
	return buf.Bytes()
}
