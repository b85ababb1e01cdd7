"""MP3 encoding and the frame reader, checked against an independent decoder (mpg123)."""

from __future__ import annotations

import array
import math

import pytest

from easyreport.speech.mp3 import ENCODER_DELAY_SAMPLES, SAMPLE_RATE, Mp3Encoder, encode_mp3, parse_mp3


def tone_after_silence(silence_s: float, tone_s: float) -> bytes:
    samples = array.array("h", [0] * int(SAMPLE_RATE * silence_s))
    samples.extend(
        int(12_000 * math.sin(2 * math.pi * 440 * i / SAMPLE_RATE)) for i in range(int(SAMPLE_RATE * tone_s))
    )
    return samples.tobytes()


def test_encoded_stream_is_mono_22k_48kbps_and_covers_the_input():
    pcm = tone_after_silence(0.5, 1.0)

    stream = parse_mp3(encode_mp3(pcm))

    assert (stream.sample_rate, stream.channels, stream.bitrates_kbps) == (22_050, 1, frozenset({48}))
    input_samples = len(pcm) // 2
    assert (
        input_samples + ENCODER_DELAY_SAMPLES
        <= stream.samples
        < input_samples + ENCODER_DELAY_SAMPLES + 2 * 576
    )
    assert stream.duration_ms == round(stream.samples * 1000 / 22_050)


def test_encoding_chunk_by_chunk_gives_the_same_bytes_as_all_at_once():
    pcm = tone_after_silence(0.3, 2.0)
    encoder = Mp3Encoder()
    for start in range(0, len(pcm), 44_100):  # whole samples, one second each, as espeak hands them over
        encoder.feed(pcm[start : start + 44_100])

    assert encoder.finish() == encode_mp3(pcm)


def test_decoder_hears_the_sound_after_exactly_the_encoder_delay(tmp_path, decode_mp3):
    path = tmp_path / "tone.mp3"
    path.write_bytes(encode_mp3(tone_after_silence(0.5, 1.0)))

    decoded = decode_mp3(path)
    onset = next(i for i, v in enumerate(decoded) if abs(v) > 3_000)

    assert len(decoded) == parse_mp3(path.read_bytes()).samples
    assert abs(onset - (int(SAMPLE_RATE * 0.5) + ENCODER_DELAY_SAMPLES)) < 40


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "no MP3 frames"),
        (b"RIFF\x00\x00\x00\x00WAVE", "no frame sync"),
        (b"\xff\xfb\x90", "truncated frame header"),
        (b"\xff\xfd\x90\x00" + b"\x00" * 500, "not a valid MPEG Layer III"),
    ],
)
def test_reader_rejects_what_is_not_a_layer_iii_stream(data, problem):
    with pytest.raises(ValueError, match=problem):
        parse_mp3(data)


def test_reader_rejects_a_cut_off_stream_and_trailing_garbage():
    data = encode_mp3(tone_after_silence(0.1, 0.2))

    with pytest.raises(ValueError, match="truncated frame"):
        parse_mp3(data[:-10])
    with pytest.raises(ValueError, match="no frame sync"):
        parse_mp3(data + b"garbage!")


def test_reader_skips_a_leading_id3_tag():
    data = encode_mp3(tone_after_silence(0.1, 0.2))
    tag = b"ID3\x04\x00\x00\x00\x00\x00\x05hello"

    assert parse_mp3(tag + data) == parse_mp3(data)
