"""Encode the engine's PCM to MP3 with lameenc, and read MP3 frame headers to know the real length."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import lameenc

SAMPLE_RATE: Final = 22_050  # what espeak-ng produces through pyttsx3
BITRATE_KBPS: Final = 48  # speech stays clear; a 15-word sentence is about 30 KB
# LAME quality 7 is its fast mode; at 48 kbps mono speech it sounds the same as 2 and encodes ~3x faster.
QUALITY: Final = 7
# lameenc writes no LAME/Xing tag, so players keep the encoder and decoder delay (576 + 529 samples,
# measured with mpg123) as silence at the start: word timings are shifted by it.
ENCODER_DELAY_SAMPLES: Final = 1_105
ENCODER_DELAY_MS: Final = round(ENCODER_DELAY_SAMPLES * 1000 / SAMPLE_RATE)
# Part of the cache key: changing how audio is encoded must not serve old files.
FORMAT_ID: Final = f"mp3-{BITRATE_KBPS}k-mono-{SAMPLE_RATE}-q{QUALITY}"

_BITRATES_V1: Final = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_BITRATES_V2: Final = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_SAMPLE_RATES: Final = {3: (44_100, 48_000, 32_000), 2: (22_050, 24_000, 16_000), 0: (11_025, 12_000, 8_000)}


class Mp3Encoder:
    """Encode mono 16-bit little-endian PCM at 22.05 kHz as constant-bitrate MP3, chunk by chunk."""

    def __init__(self) -> None:
        self._encoder = lameenc.Encoder()
        self._encoder.set_in_sample_rate(SAMPLE_RATE)
        self._encoder.set_channels(1)
        self._encoder.set_bit_rate(BITRATE_KBPS)
        self._encoder.set_quality(QUALITY)
        self._parts: list[bytes] = []

    def feed(self, pcm: bytes) -> None:
        """Encode the next piece of PCM (lameenc releases the GIL while it works)."""
        self._parts.append(bytes(self._encoder.encode(pcm)))

    def finish(self) -> bytes:
        """Flush the encoder and return the whole MP3 stream."""
        self._parts.append(bytes(self._encoder.flush()))
        return b"".join(self._parts)


def encode_mp3(pcm: bytes) -> bytes:
    """Encode a whole PCM buffer as MP3."""
    encoder = Mp3Encoder()
    encoder.feed(pcm)
    return encoder.finish()


@dataclass(frozen=True, slots=True)
class Mp3Stream:
    """What the frame headers of an MP3 file say about it."""

    frames: int
    sample_rate: int
    channels: int
    samples: int
    bitrates_kbps: frozenset[int]

    @property
    def duration_ms(self) -> int:
        """Return the playing time a browser reports for this stream, in milliseconds."""
        return round(self.samples * 1000 / self.sample_rate)


def _skip_id3v2(data: bytes) -> int:
    if len(data) >= 10 and data[:3] == b"ID3":
        size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
        return 10 + size
    return 0


def parse_mp3(data: bytes) -> Mp3Stream:
    """Walk every Layer III frame header from start to end; raise ValueError on anything else."""
    pos = _skip_id3v2(data)
    frames = samples = 0
    rates: set[int] = set()
    channel_counts: set[int] = set()
    bitrates: set[int] = set()
    while pos < len(data):
        if pos + 4 > len(data):
            raise ValueError(f"truncated frame header at byte {pos}")
        b1, b2, b3 = data[pos + 1], data[pos + 2], data[pos + 3]
        if data[pos] != 0xFF or (b1 & 0xE0) != 0xE0:
            raise ValueError(f"no frame sync at byte {pos}")
        version = (b1 >> 3) & 0b11
        layer = (b1 >> 1) & 0b11
        bitrate_index = b2 >> 4
        rate_index = (b2 >> 2) & 0b11
        if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
            raise ValueError(f"not a valid MPEG Layer III frame header at byte {pos}")
        bitrate = (_BITRATES_V1 if version == 3 else _BITRATES_V2)[bitrate_index]
        rate = _SAMPLE_RATES[version][rate_index]
        padding = (b2 >> 1) & 1
        per_frame = 1152 if version == 3 else 576
        length = (per_frame // 8) * bitrate * 1000 // rate + padding
        if pos + length > len(data):
            raise ValueError(f"truncated frame at byte {pos}")
        frames += 1
        samples += per_frame
        rates.add(rate)
        bitrates.add(bitrate)
        channel_counts.add(1 if (b3 >> 6) == 0b11 else 2)
        pos += length
    if frames == 0:
        raise ValueError("no MP3 frames")
    if len(rates) != 1 or len(channel_counts) != 1:
        raise ValueError("sample rate or channel count changes inside the stream")
    return Mp3Stream(frames, rates.pop(), channel_counts.pop(), samples, frozenset(bitrates))
