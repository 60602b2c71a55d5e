package targeting_test

import (
	"testing"

	"github.com/adstitch/adstitch/adserver/campaign"
	"github.com/adstitch/adstitch/adserver/targeting"
)

// realisticRule is a campaign as marketers write them: a few countries, a
// city list long enough to be indexed, evening hours on weekends, no
// consoles, some interests.
const realisticRule = `{"all":[
	{"country":{"in":["ES","PT","FR","IT","DE"]}},
	{"any":[
		{"city":{"in":["Barcelona","Valencia","Sevilla","Zaragoza","Málaga","Bilbao","Lisbon","Porto",
			"Paris","Lyon","Marseille","Rome","Milan","Naples","Berlin","Munich","Hamburg","Madrid"]}},
		{"region":{"in":["Catalonia","Andalusia"]}}]},
	{"daypart":{"in":["evening","night"]}},
	{"local_hour":{"between":[18,2]}},
	{"day_of_week":{"in":["fri","sat","sun"]}},
	{"not":{"device":{"in":["console"]}}},
	{"interests":{"any":["running","fitness","football"]}},
	{"interests":{"none":["gambling"]}}
]}`

func BenchmarkMatch(b *testing.B) {
	r := mustParse(b, realisticRule)
	cases := []struct {
		name string
		ctx  campaign.Context
		want bool
	}{
		{"hit", madrid(), true},
		{"miss last", interests("running", "gambling"), false},
		{"miss first", with(func(c *campaign.Context) { c.Country = "US" }), false},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			c := tc.ctx
			if r.Match(&c) != tc.want {
				b.Fatalf("Match = %v, want %v", !tc.want, tc.want)
			}
			b.ReportAllocs()
			for b.Loop() {
				r.Match(&c)
			}
		})
	}
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			c := madrid()
			for pb.Next() {
				r.Match(&c)
			}
		})
	})
}

func BenchmarkParse(b *testing.B) {
	raw := []byte(realisticRule)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := targeting.Parse(raw); err != nil {
			b.Fatal(err)
		}
	}
}
