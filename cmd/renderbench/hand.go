package main

import "path/filepath"

// handGraph is the filter graph a person writes for the bench variant:
// decode once, split to three sizes, draw "Hello Madrid!" (from a file,
// 8% of the height, centred, 85% down, 1 s to 10 s), duck the spot's
// audio under the voice line and mix it in.
const handGraph = `[0:v]split=3[vs0][vs1][vs2];` +
	`[vs0]scale=1920:1080:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=1920:1080:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=30/1,format=yuv420p,` +
	`drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:textfile=text0.txt:expansion=none:fontsize=86:fontcolor=white:x=(w-text_w)*0.5:y=(h-text_h)*0.85:box=1:boxcolor=black@0.5:boxborderw=21:enable='between(t,1,10)'[v0];` +
	`[vs1]scale=1280:720:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=1280:720:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=30/1,format=yuv420p,` +
	`drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:textfile=text0.txt:expansion=none:fontsize=58:fontcolor=white:x=(w-text_w)*0.5:y=(h-text_h)*0.85:box=1:boxcolor=black@0.5:boxborderw=14:enable='between(t,1,10)'[v1];` +
	`[vs2]scale=640:360:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=30/1,format=yuv420p,` +
	`drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:textfile=text0.txt:expansion=none:fontsize=29:fontcolor=white:x=(w-text_w)*0.5:y=(h-text_h)*0.85:box=1:boxcolor=black@0.5:boxborderw=7:enable='between(t,1,10)'[v2];` +
	`[0:a]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[spot];` +
	`[1:a]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,apad,asplit=2[key][line];` +
	`[spot][key]sidechaincompress=threshold=0.02:ratio=8:attack=10:release=400[ducked];` +
	`[ducked][line]amix=inputs=2:duration=first:normalize=0,asplit=3[a0][a1][a2]`

// handCommand is that person's whole ffmpeg command, run in dir (where
// spot.mp4, voice.wav and text0.txt are) and writing dir/hand/r0 … r2.
// The ladder's numbers are typed in: no probing.
func handCommand(dir string) []string {
	out := filepath.Join(dir, "hand")
	return []string{
		"-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
		"-i", "spot.mp4", "-i", "voice.wav",
		"-filter_complex", handGraph,

		"-map", "[v0]", "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-pix_fmt", "yuv420p",
		"-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*6)",
		"-x264-params", "scenecut=0:open-gop=0:cabac=1:8x8dct=1", "-level:v", "4.0",
		"-crf", "21", "-maxrate", "4258000", "-bufsize", "8516000",
		"-map", "[a0]", "-c:a", "aac", "-profile:a", "aac_low", "-b:a", "128000", "-ar", "48000", "-ac", "2",
		"-f", "hls", "-hls_time", "6", "-hls_playlist_type", "vod", "-hls_flags", "independent_segments",
		"-hls_segment_type", "mpegts", "-hls_segment_filename", filepath.Join(out, "r0/seg_%03d.ts"), filepath.Join(out, "r0/index.m3u8"),

		"-map", "[v1]", "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-pix_fmt", "yuv420p",
		"-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*6)",
		"-x264-params", "scenecut=0:open-gop=0:cabac=1:8x8dct=1", "-level:v", "3.1",
		"-crf", "21", "-maxrate", "2558000", "-bufsize", "5116000",
		"-map", "[a1]", "-c:a", "aac", "-profile:a", "aac_low", "-b:a", "128000", "-ar", "48000", "-ac", "2",
		"-f", "hls", "-hls_time", "6", "-hls_playlist_type", "vod", "-hls_flags", "independent_segments",
		"-hls_segment_type", "mpegts", "-hls_segment_filename", filepath.Join(out, "r1/seg_%03d.ts"), filepath.Join(out, "r1/index.m3u8"),

		"-map", "[v2]", "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-pix_fmt", "yuv420p",
		"-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-force_key_frames", "expr:gte(t,n_forced*6)",
		"-x264-params", "scenecut=0:open-gop=0:cabac=1", "-level:v", "3.0",
		"-crf", "21", "-maxrate", "688000", "-bufsize", "1376000",
		"-map", "[a2]", "-c:a", "aac", "-profile:a", "aac_low", "-b:a", "128000", "-ar", "48000", "-ac", "2",
		"-f", "hls", "-hls_time", "6", "-hls_playlist_type", "vod", "-hls_flags", "independent_segments",
		"-hls_segment_type", "mpegts", "-hls_segment_filename", filepath.Join(out, "r2/seg_%03d.ts"), filepath.Join(out, "r2/index.m3u8"),
	}
}
