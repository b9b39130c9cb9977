"""The audio edition: scripts written for listening, spoken by a local speech engine.

Each edition gets one MP3 track per section (and an introduction first) and a track list
(`EDITION.m3u`), and every activity its own MP3 for the player on its page. Scripts are the
wording layer's sentences in their spoken form (generator.words.spoken): times, phone numbers,
money and dates said the way people say them, and "Activity 3 of 12" before each one.

Speech is made piece by piece (an introduction, a section's heading, "Activity 3 of 12", an
activity) and each piece is cached by the hash of its text and the speech and encoder settings;
a section's track is its pieces' MP3 frames one after another (constant bit rate, no Xing or ID3
header), so a section is never spoken twice and a warm build speaks nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.accessible import cache
from generator.accessible.content import EditionContent
from generator.config import FormatSettings
from generator.printing.facts import Facts
from generator.site.cache import Cache
from generator.words import formats, say, spoken

ENCODE_BATCH = 40  # WAV files per ffmpeg process
SAMPLE_RATE = 16000


class AudioError(RuntimeError):
    pass


def activity_script(f: Facts) -> list[str]:
    """What is said about one activity, sentence by sentence, in the order a listener needs."""
    say_aloud = spoken.sentence
    lines = [f"{f.name}."]
    lines += [say_aloud(w) for w in (f.closed_warning, f.stale_warning) if w]
    lines.append(say_aloud(f.summary))
    lines += [say_aloud(say("When: {when}.", when=w)) for w in f.when]
    if f.where:
        lines.append(say_aloud(say("Where: {place}.", place=", ".join(w.rstrip(".") for w in f.where[:2]))))
        lines += [say_aloud(w) for w in f.where[2:]]
    if f.postcode:
        lines.append(say("The postcode is {postcode}.", postcode=spoken.postcode(f.postcode)))
    for bus in f.bus_lines:
        lines.append(say_aloud(say("Buses {buses}, from {stop}.", buses=bus.buses, stop=bus.stop) if bus.stop
                               else say("Buses {buses}.", buses=bus.buses)))
    if f.bus_note:
        lines.append(say_aloud(f.bus_note))
    if f.bus_pass_note:
        lines.append(say_aloud(f.bus_pass_note))
    lines.append(say_aloud(say("Cost: {cost}", cost=f.cost)))
    lines += [say_aloud(h) for h in f.how_to_go]
    if f.phone:
        lines.append(say("To ask, ring {phone}. That is {phone}.", phone=spoken.phone(f.phone)))
    if f.on_the_day_phone:
        lines.append(say("On the day, ring {phone}.", phone=spoken.phone(f.on_the_day_phone)))
    return [_stop(line) for line in lines]


def _stop(line: str) -> str:
    line = line.strip()
    while line.endswith(".."):
        line = line[:-1]
    return line if line.endswith((".", "!", "?", ":")) else line + "."


@dataclass(frozen=True)
class Track:
    number: int
    title: str
    filename: str  # relative to the audio folder, e.g. "aigburth/02-walking.mp3"
    pieces: tuple[str, ...]  # the texts spoken, in order

    @property
    def script(self) -> str:
        return "\n\n".join(self.pieces)


def tracks(content: EditionContent) -> list[Track]:
    """The introduction, then one track per section."""
    count = len(content.activities)
    total = len(content.sections)
    intro = [
        say("{title}. The audio edition, made on {date} by {publisher}.", title=content.title,
            date=spoken.sentence(content.made_on), publisher=content.publisher),
        say("It tells you about {count} activities, in {sections} sections, one track for each "
            "section.", count=count, sections=total),
        say("For each activity you will hear its name, when and where it is, the bus, what it costs, "
            "how to go, and the phone number."),
        spoken.sentence(formats.ask_for_formats(content.phone, content.email)),
    ]
    out = [Track(1, say("Introduction"), f"{content.edition.id}/01-introduction.mp3", ("\n".join(intro),))]
    for index, section in enumerate(content.sections, start=1):
        n = len(section.activities)
        head = say("Section {index} of {total}: {name}.", index=index, total=total,
                   name=section.category.name) + " " + (
            say("1 activity.") if n == 1 else say("{count} activities.", count=n))
        pieces = [head]
        for i, f in enumerate(section.activities, start=1):
            pieces += [spoken.of_total(say("Activity"), i, n), "\n".join(activity_script(f))]
        if section.see_also:
            pieces.append(say("Also in this section, told in another section: {names}.",
                              names=spoken.sentence(", ".join(f.name for f in section.see_also))))
        number = index + 1
        slug = section.category.id
        out.append(Track(number, section.category.name,
                         f"{content.edition.id}/{number:02d}-{slug}.mp3", tuple(pieces)))
    return out


def m3u(content: EditionContent, made: Sequence[Track], seconds: dict[str, float]) -> str:
    lines = ["#EXTM3U", f"#PLAYLIST:{content.title} (audio)"]
    for t in made:
        lines += [f"#EXTINF:{round(seconds.get(t.filename, -1))},{content.title} - {t.title}", t.filename]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Speech


def _piece_key(settings: FormatSettings, text: str) -> str:
    return cache.key("speech", settings.speech, settings.audio_kbps, SAMPLE_RATE, text)


def _speak(settings: FormatSettings, text: str, folder: Path, name: str) -> Path:
    text_file, wav = folder / f"{name}.txt", folder / f"{name}.wav"
    text_file.write_text(text, encoding="utf-8")
    command = [a.replace("{text}", str(text_file)).replace("{wav}", str(wav)) for a in settings.speech]
    if not shutil.which(command[0]):
        raise AudioError(f"The speech command {command[0]!r} is not installed (site_config/site.yml: "
                         "formats.speech). `make setup` installs espeak-ng.")
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode != 0 or not wav.exists():
        raise AudioError(f"The speech command failed ({done.returncode}): "
                         f"{done.stderr.decode(errors='replace').strip()[:300]}")
    return wav


def _encode(settings: FormatSettings, wavs: Sequence[Path]) -> list[Path]:
    """Many WAV files to constant-bit-rate MP3 in one ffmpeg process."""
    if not shutil.which("ffmpeg"):
        raise AudioError("ffmpeg is not installed: run `make setup`.")
    command = ["ffmpeg", "-nostdin", "-loglevel", "error", "-y"]
    for wav in wavs:
        command += ["-i", str(wav)]
    outputs = []
    for i, wav in enumerate(wavs):
        out = wav.with_suffix(".mp3")
        command += ["-map", f"{i}:a", "-ac", "1", "-ar", str(SAMPLE_RATE), "-c:a", "libmp3lame",
                    "-b:a", f"{settings.audio_kbps}k", "-compression_level", "9", "-write_xing", "0", "-id3v2_version", "0",
                    "-write_id3v1", "0", "-f", "mp3", str(out)]
        outputs.append(out)
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode != 0:
        raise AudioError(f"ffmpeg could not encode the audio: {done.stderr.decode(errors='replace')[:300]}")
    return outputs


def speak_all(settings: FormatSettings, texts: Sequence[str], store: Cache,
              workers: int = 2) -> dict[str, bytes]:
    """Every text's MP3, from the store or spoken now (speech on `workers` threads)."""
    unique = list(dict.fromkeys(texts))
    found: dict[str, bytes] = {}
    missing = []
    for text in unique:
        data = store.get("speech", _piece_key(settings, text))
        if data is None:
            missing.append(text)
        else:
            found[text] = data
    if not missing:
        return found
    with tempfile.TemporaryDirectory(prefix="whats-on-speech-") as tmp:
        folder = Path(tmp)

        def batch(start: int) -> list[bytes]:
            """ENCODE_BATCH pieces spoken, encoded, kept, and their files deleted: the temporary
            folder never holds more than a batch a thread (a WAV is about 1 MB; a directory of
            10,000 listing files speaks some 56,000 pieces), and a build stopped half way keeps
            what it has spoken."""
            texts = missing[start:start + ENCODE_BATCH]
            names = [f"p{start + n}" for n in range(len(texts))]
            wavs = [_speak(settings, text, folder, name) for text, name in zip(texts, names, strict=True)]
            mp3s = _encode(settings, wavs)
            out = [mp3.read_bytes() for mp3 in mp3s]
            for text, data in zip(texts, out, strict=True):
                store.put("speech", _piece_key(settings, text), data)
            for path in (*wavs, *mp3s, *(folder / f"{name}.txt" for name in names)):
                path.unlink(missing_ok=True)
            return out

        with ThreadPoolExecutor(max(1, workers)) as pool:
            spoken = [data for part in pool.map(batch, range(0, len(missing), ENCODE_BATCH))
                      for data in part]
        found.update(zip(missing, spoken, strict=True))
    return found


def seconds(data: bytes, kbps: int) -> float:
    """Length of a constant-bit-rate MP3."""
    return len(data) * 8 / (kbps * 1000)


def write_edition(content: EditionContent, made: Sequence[Track], speech: dict[str, bytes],
                  audio_dir: Path, kbps: int) -> list[Path]:
    """The edition's tracks, its track list (.m3u) and its script (.txt)."""
    folder = audio_dir / content.edition.id
    folder.mkdir(parents=True, exist_ok=True)
    lengths: dict[str, float] = {}
    written = []
    for track in made:
        data = b"".join(speech[p] for p in track.pieces)
        (audio_dir / track.filename).write_bytes(data)
        lengths[track.filename] = seconds(data, kbps)
        written.append(audio_dir / track.filename)
    playlist = audio_dir / f"{content.edition.id}.m3u"
    playlist.write_text(m3u(content, made, lengths), encoding="utf-8")
    script = audio_dir / f"{content.edition.id}.txt"
    script.write_text("\n\n".join(say("Track {number}: {title}", number=t.number, title=t.title)
                                  + f"\n\n{t.script}" for t in made) + "\n",
                      encoding="utf-8")
    return [playlist, script, *written]


def activity_texts(activities: Sequence[Facts]) -> dict[str, str]:
    """activity id -> its script, for the player on its page."""
    return {f.id: "\n".join(activity_script(f)) for f in activities}
