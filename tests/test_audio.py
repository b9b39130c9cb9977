"""The audio edition: scripts for listening, and the MP3 tracks the build speaks from them."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from generator.accessible import audio
from generator.config import FormatSettings
from generator.printing.facts import facts
from generator.site.cache import Cache

WORDS_PER_MINUTE = 150

# Snapshots: what a listener hears about three demo activities. A change in the wording layer
# shows up here as a diff to read (is it still how a person would say it?), then to copy in.
SCRIPTS = {
    "garston-lunch-club": """\
Garston Lunch Club.
A hot two-course lunch with tea and a chat, twice a week in Garston Village Hall.
When: Every Tuesday and Thursday, from twelve noon to two o'clock in the afternoon; not on bank holidays.
Where: Garston Village Hall, 88 St Mary's Road, Garston, Liverpool.
The postcode is L nineteen, two N P.
Buses 82, 82A, 86, from St Mary's Road (Stop C), outside the hall.
Buses stop right outside. On Saturdays the 86 runs every 30 minutes.
Cost: four pounds fifty. Two courses and a hot drink.
Drop in: just turn up, no need to book.
Just come along. If you want a seat kept for you, ring the hall kitchen on the morning.
Someone will meet you when you arrive.
You can bring a friend or carer.
Tea, coffee or food is offered.
Ask for Maureen at the hatch. She will find you a table with friendly people.
To ask, ring oh one five one, four nine six, oh two one one. That is oh one five one, four nine six, oh two one one.
On the day, ring oh seven seven oh oh, nine oh oh two one one.""",
    "bereavement-phone-support": """\
Bereavement Support by Phone.
Regular phone calls with a trained volunteer for up to 12 weeks, at a time that suits you.
When: Ring to arrange a time.
Where: By phone.
Cost: Free.
You need a referral.
Who can refer you: yourself, a social prescribing link worker, your GP and another professional.
Ring the support line and leave a message; we call back within two working days.
There is a waiting list at the moment.
To ask, ring oh one five one, four nine six, oh six four oh. That is oh one five one, four nine six, oh six four oh.""",
    "anxiety-support-online": """\
Anxiety Support Group (online).
A weekly online peer-support group for people living with anxiety. Cameras optional.
When: Every Thursday, from half past six to quarter to eight in the evening.
Where: Online, On Microsoft Teams. You can join by phone instead of video.
Cost: Free.
Book ahead.
E-mail us for the link.
To ask, ring oh one five one, four nine six, oh three three three. That is oh one five one, four nine six, oh three three three.""",
}


@pytest.mark.parametrize("activity_id", sorted(SCRIPTS))
def test_script_snapshot(demo, activity_id):
    entry = next(e for e in demo.current() if e.id == activity_id)
    assert "\n".join(audio.activity_script(facts(demo, entry))) == SCRIPTS[activity_id]


def test_tracks_count_activities_and_sections(demo):
    from generator.accessible.content import edition_content, editions

    content = edition_content(demo, editions(demo, ["aigburth"])[0])
    tracks = audio.tracks(content)
    assert tracks[0].title == "Introduction"
    assert "braille" in tracks[0].script and demo.config.site.contact.phone not in tracks[0].script
    assert len(tracks) == len(content.sections) + 1
    first = content.sections[0]
    n = len(first.activities)
    assert tracks[1].pieces[0] == (f"Section 1 of {len(content.sections)}: {first.category.name}. "
                                   f"{n} {'activity' if n == 1 else 'activities'}.")
    assert tracks[1].pieces[1] == f"Activity 1 of {n}."


def test_speech_command_is_a_setting_and_speech_is_cached(tmp_path, monkeypatch):
    """Any local engine that writes a WAV will do; a second run speaks nothing."""
    store = Cache(tmp_path / "cache")
    engine = tmp_path / "engine.py"
    engine.write_text(
        "import math, struct, sys, wave\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        "with wave.open(sys.argv[2], 'wb') as w:\n"
        "    w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)\n"
        "    n = 16000 * len(text.split()) * 60 // 150\n"
        "    w.writeframes(b''.join(struct.pack('<h', int(8000 * math.sin(i / 8))) for i in range(n)))\n")
    settings = FormatSettings(speech=[sys.executable, str(engine), "{text}", "{wav}"])
    made = audio.speak_all(settings, ["One two three four five six seven eight nine ten."], store)
    data = made["One two three four five six seven eight nine ten."]
    assert 3.0 < audio.seconds(data, settings.audio_kbps) < 5.0  # 10 words at 150 a minute: 4 s
    monkeypatch.setattr(audio, "_speak", lambda *a: pytest.fail("spoken again"))
    assert audio.speak_all(settings, ["One two three four five six seven eight nine ten."], store) == made
    monkeypatch.undo()
    with pytest.raises(audio.AudioError, match="speech command failed"):
        audio.speak_all(FormatSettings(speech=["false"]), ["Something not said before."], store)
    assert [p for p in (store.folder / "speech").rglob("*") if p.is_file()], "kept in the store"
    monkeypatch.setattr(audio, "_speak", lambda *a: pytest.fail("spoken again"))
    with pytest.raises(pytest.fail.Exception, match="spoken again"):  # Cache(None) keeps nothing
        audio.speak_all(settings, ["One two three four five six seven eight nine ten."], Cache(None))


def test_speech_is_made_a_batch_at_a_time(tmp_path, monkeypatch):
    """Speaking a big directory (some 56,000 pieces for 10,000 listing files, a WAV of about 1 MB
    each) never fills the disk: each batch is spoken, encoded and deleted before the next, so the
    temporary folder holds a batch a thread at most, and every piece still gets its own MP3."""
    monkeypatch.setattr(audio, "ENCODE_BATCH", 3)
    speak, most = audio._speak, [0]

    def counted(settings, text, folder, name):
        most[0] = max(most[0], sum(1 for _ in folder.glob("*.wav")))
        return speak(settings, text, folder, name)

    monkeypatch.setattr(audio, "_speak", counted)
    texts = [f"Activity {n} of 14." for n in range(1, 15)]
    made = audio.speak_all(FormatSettings(), texts, Cache(None), workers=2)
    assert sorted(made) == sorted(texts) and len(set(made.values())) == len(texts)
    assert all(audio.seconds(data, FormatSettings().audio_kbps) > 0.5 for data in made.values())
    assert 0 < most[0] <= 2 * 3  # two threads, three WAVs each, at the most


def test_a_build_stopped_half_way_keeps_what_it_has_spoken(tmp_path, monkeypatch):
    """Speech is kept a batch at a time: when a piece fails, the batches spoken before it are in
    the store, and the next build speaks only the rest."""
    monkeypatch.setattr(audio, "ENCODE_BATCH", 2)
    speak = audio._speak

    def failing(settings, text, folder, name):
        if text == "Third piece.":
            raise audio.AudioError("stopped")
        return speak(settings, text, folder, name)

    monkeypatch.setattr(audio, "_speak", failing)
    store = Cache(tmp_path / "cache")
    with pytest.raises(audio.AudioError, match="stopped"):
        audio.speak_all(FormatSettings(), ["First piece.", "Second piece.", "Third piece."], store, workers=1)
    assert len([p for p in (store.folder / "speech").rglob("*") if p.is_file()]) == 2
    said = []
    monkeypatch.setattr(audio, "_speak", lambda settings, text, *a: said.append(text) or speak(settings, text, *a))
    made = audio.speak_all(FormatSettings(), ["First piece.", "Second piece.", "Third piece."], store)
    assert said == ["Third piece."] and len(made) == 3


def _decode(path) -> tuple[float, float, float]:
    """Decode the whole file with ffmpeg: (seconds, mean dB, peak dB)."""
    done = subprocess.run(["ffmpeg", "-nostdin", "-v", "info", "-i", str(path), "-af", "volumedetect",
                           "-f", "null", "-"], capture_output=True, text=True, check=True)
    assert "Audio: mp3" in done.stderr, f"{path} is not MP3"
    clock = re.findall(r"time=(\d+):(\d+):([\d.]+)", done.stderr)[-1]
    seconds = int(clock[0]) * 3600 + int(clock[1]) * 60 + float(clock[2])
    mean = float(re.search(r"mean_volume: (-?[\d.]+) dB", done.stderr).group(1))
    peak = float(re.search(r"max_volume: (-?[\d.]+) dB", done.stderr).group(1))
    return seconds, mean, peak


def _tracks(playlist) -> list[tuple[str, str]]:
    lines = playlist.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#EXTM3U"
    return [(lines[i].split(",", 1)[1], lines[i + 1]) for i in range(len(lines)) if lines[i].startswith("#EXTINF:")]


def _scripts(text_file) -> dict[int, str]:
    parts = re.split(r"^Track (\d+): .*$", text_file.read_text(encoding="utf-8"), flags=re.M)
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}


def _about_right(seconds: float, script: str, name: str) -> None:
    expected = len(script.split()) / WORDS_PER_MINUTE * 60
    assert 0.5 * expected <= seconds <= 1.5 * expected, \
        f"{name}: {seconds:.0f} s for {expected:.0f} s of script at 150 words a minute"


def test_every_edition_has_a_track_list_and_a_script_for_each_track(demo_site, demo):
    folder = demo_site / "print" / "audio"
    kbps = demo.config.site.formats.audio_kbps
    for edition in demo.config.editions:
        tracks = _tracks(folder / f"{edition.id}.m3u")
        scripts = _scripts(folder / f"{edition.id}.txt")
        assert len(tracks) == len(scripts) >= 2, edition.id
        assert tracks[0][0].endswith("Introduction")
        for number, (_title, name) in enumerate(tracks, start=1):
            _about_right(audio.seconds((folder / name).read_bytes(), kbps), scripts[number], name)


def test_tracks_decode_and_are_speech_not_silence(demo_site, demo):
    """Decoded in full by ffmpeg: the smallest edition's every track, and every edition's first
    and last; each lasts about as long as its script at 150 words a minute."""
    folder = demo_site / "print" / "audio"
    smallest = min(demo.config.editions, key=lambda e: (folder / f"{e.id}.txt").stat().st_size)
    chosen = {}
    for edition in demo.config.editions:
        tracks = _tracks(folder / f"{edition.id}.m3u")
        scripts = _scripts(folder / f"{edition.id}.txt")
        picked = range(len(tracks)) if edition is smallest else (0, len(tracks) - 1)
        chosen.update({tracks[i][1]: scripts[i + 1] for i in picked})
    for name, script in chosen.items():
        seconds, mean, peak = _decode(folder / name)
        _about_right(seconds, script, name)
        assert peak > -20 and mean > -40, f"{name} is (nearly) silent: mean {mean} dB, peak {peak} dB"


def test_every_printed_activity_has_its_own_recording(demo_site, demo):
    from generator.printing import select

    folder = demo_site / "print" / "audio" / "activities"
    for entry in select.in_print(demo):
        path = folder / f"{entry.id}.mp3"
        assert path.exists(), entry.id
        text = "\n".join(audio.activity_script(facts(demo, entry)))
        expected = len(text.split()) / WORDS_PER_MINUTE * 60
        seconds = audio.seconds(path.read_bytes(), demo.config.site.formats.audio_kbps)
        assert 0.5 * expected <= seconds <= 1.5 * expected, entry.id
