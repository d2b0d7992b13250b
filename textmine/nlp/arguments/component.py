"""spaCy component ``textmine_arguments``: claims (who asserts what) and critiques (who criticises
whom or what), one decision per sentence.

The label (claim / critique / none, ``annotation.md``) comes from the sentence model in
``textmine/data/models/arguments/`` (:mod:`textmine.nlp.arguments.model`): a multinomial logistic
regression over lemma and character n-grams, the cue lexicons in ``data/lexicons/arguments/*.txt``
and the sentence's context (the cues of the sentences around it, position, quotes), trained on real
annotated blog text (``scripts/train_arguments.py``) and stored as plain arrays. Without the model
(``use_model=False``) the cue rules decide alone, in this order:

1. a critique cue (``critique.txt``: kritisieren, bemängeln, warnen vor, Kritik an …) makes a
   critique whose critic is the speaker;
2. a doubt frame (``doubt.txt``: "Offen bleibt, ob", "Die Frage ist, warum") makes a critique;
3. a negative evaluation (``negative.txt``) makes a critique, unless it lies in the scope of a demand
   or inside a concessive frame (``concessive.txt``);
4. otherwise normative, evaluative, conclusion and reported cues make a claim; descriptions,
   announcements and narration are kept out.

Speakers (holder of a claim, critic of a critique), for either source of labels: the speaker of a
quotation that the sentence belongs to ("„…“, sagte sie", "X erklärt: „…"; a pronoun or a bare role
is the last speaker, :mod:`textmine.nlp.arguments.speakers`), else the subject of a critique or
reporting cue ("Lember kritisiert, dass …", "Laut X", "X zufolge", "so X"), a reported speech
continuation (Konjunktiv I: the last speaker goes on), a cited source ("… (Schmidt 2020)"), else
``"author"`` (the post's author; ``contract.with_post_author`` puts the feed's name there and keeps
a ``holder_is_author`` / ``critic_is_author`` flag).

Targets: the object of a split critique verb ("wirft dieser Sichtweise vor") or right after the cue
("warnt vor X"); for "kritisiert, dass …" an actor of the criticised clause; for a negative evaluation
the head of the judged clause's first noun phrase outside a prepositional phrase, the previous
sentence's subject when that is a pronoun; never the critic; a generic noun ("Praxis") yields to a
specific actor in the clause.

Writes ``doc.spans["claims"]`` (``span._.textmine_holder``, ``span._.textmine_score``) and ``doc.spans["critiques"]``
(``span._.textmine_critic``, ``span._.textmine_target``, ``span._.textmine_score``; the score is the model's probability of the
label)."""
from __future__ import annotations

import functools
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from textmine import resources
from textmine.nlp.common.names import UPPER
from textmine.nlp.arguments.attribution import (
    _ACTOR_RANK,
    _ANAPHOR,
    _LABEL,
    _PRONOUN_START,
    _actor_name,
    _actor_type,
    _after_opening_frame,
    _clause_start,
    _doc_text,
    _first_person_speaks,
    _full_name,
    _judged_region,
    _overlapping,
    _region_head,
    _same_name,
    _surname,
    call_cache,
    cited_author,
    find_speaker,
    find_target,
    judged_subject,
    pronoun_after_verb,
    unnamed_critics,
)
from textmine.nlp.arguments.cues import (
    _FINAL_PUNCTUATION,
    _WORD,
    AUTHOR,
    MODEL_DIR,
    CueLexicon,
    default_lexicon,
)
from textmine.nlp.arguments.speakers import PRONOUNS, quote_speakers
from textmine.nlp.extensions import component_assigns, register_extensions
from textmine.nlp.serialization import copy_lexicons, read_settings, saved_lexicons, write_settings
from textmine.nlp.contract import ACTORS, CITATIONS, CLAIMS, CRITIQUES, REFERENCES, require_groups


# ----------------------------------------------------------------------------------- the decision
@dataclass
class SentenceDecision:
    label: str  # "claim" | "critique" | "none"
    score: float
    holder: str | None = None
    target: str | None = None

_CRITIQUE_VERB_CATEGORIES = ("critique",)

_AUTHOR_CRITIQUE_CATEGORIES = ("negative", "doubt")

def _first(hits: dict[str, list[tuple[int, int]]], categories: Iterable[str]) -> tuple[int, int] | None:
    spans = [span for c in categories for span in hits.get(c, [])]
    return min(spans) if spans else None

_BIB_ENTRY = re.compile(
    r"^[^()]{0,120}\((?:19|20)\d\d[a-z]?\)\s*:|\(Hrsg\.?\)|,\s*in:\s|\bS\.\s*\d+\s*[-–]\s*\d+\.?\s*$"
    r"|^[" + UPPER + r"][\w\- ]{1,40}:\s*[" + UPPER + r"][\w.\- ]{1,60}\.?$"
)


def _is_non_sentence(text: str, followed_by_break: bool = True) -> bool:
    """Headings, list labels, bibliography entries: no claim possible."""
    words = _WORD.findall(text)
    stripped = text.strip()
    if len(words) < 4:
        return True
    if stripped.endswith(":") and len(words) < 8:
        return True
    if followed_by_break and stripped[-1:] not in _FINAL_PUNCTUATION and len(words) < 12:
        return True  # a heading or a list fragment: no final punctuation before a paragraph break
    return bool(_BIB_ENTRY.search(stripped))

def _overlaps(doc: Doc, group: str, sent: Span) -> bool:
    return bool(_overlapping(doc, group, sent.start_char, sent.end_char))

@dataclass
class DocContext:
    """What earlier sentences of the post tell about later ones."""

    in_bibliography: bool = False
    last_speaker: str | None = None
    previous: Span | None = None  # the sentence before, for anaphoric targets ("Sie bringen aber …")

def _cites_in_parentheses(sent: Span) -> bool:
    """A parenthetical or "ebd." citation of the citation component inside the sentence."""
    return any(span._.textmine_kind in ("parenthetical", "ibid")
               for span in _overlapping(sent.doc, CITATIONS, sent.start_char, sent.end_char))


def decide(
    sent: Span,
    lexicon: CueLexicon,
    probabilities: tuple[float, float] | None,
    threshold: float = 0.5,
    context: DocContext | None = None,
    model_label: tuple[str, float] | None = None,
    speaker: str | None = None,
) -> SentenceDecision:
    """Label one sentence claim / critique / none, combining cue hits and the classifier."""
    context = context or DocContext()
    text = sent.text
    hits = lexicon.hits(text)
    doc_text = _doc_text(sent.doc)
    tail = text[len(text.rstrip()):] + doc_text[sent.end_char:sent.end_char + 2]
    followed_by_break = "\n" in tail or sent.end_char >= len(doc_text.rstrip())
    if hits["bibliography_heading"] and len(_WORD.findall(text)) <= 3:
        context.in_bibliography = True
    if context.in_bibliography or _overlaps(sent.doc, REFERENCES, sent):
        return SentenceDecision("none", 0.0)
    if model_label is None and (_is_non_sentence(text, followed_by_break) or hits["announcement"]):
        return SentenceDecision("none", 0.0)  # the model learned headings and announcements itself
    if model_label is not None:
        decision = _attribute(sent, hits, lexicon, *model_label, speaker=speaker)
    else:
        decision = _decide_argument(sent, hits, lexicon, probabilities, threshold)
    if decision.label == "critique" and context.previous is not None and _ANAPHOR.match(text):
        # "Sie bringen aber auch Abhängigkeiten mit sich": the subject of the sentence before.
        antecedent = _region_head(context.previous, _after_opening_frame(context.previous.text, lexicon),
                                  len(context.previous.text), decision.holder, lexicon)
        decision.target = antecedent or decision.target
    context.previous = sent
    if decision.label != "none":
        # "Sie wirft … vor", "Er fordert …", Konjunktiv I: the last named speaker goes on speaking.
        pronoun = ((bool(_PRONOUN_START.match(text)) and bool(hits["critique"] or hits["reported"]))
                   or any(pronoun_after_verb(text, a) for a, _ in hits["critique"] + hits["reported"]))
        own_voice = _first_person_speaks(text, None)
        continues = bool(hits["continuation"]) or _subjunctive_one(sent)
        if (decision.holder in (None, AUTHOR) and (continues or pronoun) and context.last_speaker
                and not own_voice):
            decision.holder = context.last_speaker
        elif decision.holder in (None, AUTHOR) and pronoun and not own_voice:
            # "Die Caritas legt Zahlen vor. Auf der Kundgebung warnten sie …": no speaker yet, the
            # pronoun is the last person or organisation named before.
            decision.holder = _actor_before(sent) or decision.holder
        context.last_speaker = decision.holder if decision.holder != AUTHOR else context.last_speaker
        if decision.holder == AUTHOR and not (continues or pronoun):
            context.last_speaker = None
    return decision

def _actor_before(sent: Span) -> str | None:
    """The last person or organisation actor named before the sentence, in its fullest form."""
    before = [a for a in _overlapping(sent.doc, "actors", 0, sent.start_char)
              if a.end_char <= sent.start_char and _actor_type(a) in ("person", "organisation", "organization")]
    return _full_name(sent.doc, _actor_name(before[-1])) if before else None

_FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN"})

def _subjunctive_one(sent: Span) -> bool:
    """Konjunktiv I of reported speech by the tagger: a finite verb in the third person singular
    ending in "-e" but not the past "-te" ("Er gehe nicht darauf ein", "Die Anpassung beruhe auf …")."""
    for token in sent:
        if token.tag_ in _FINITE_TAGS and token.lower_.endswith("e") and not token.lower_.endswith("te"):
            morph = token.morph
            if morph.get("Person") == ["3"] and morph.get("Number") != ["Plur"]:
                return True
    return False

def _decide_argument(sent: Span, hits: dict, lexicon: CueLexicon, probabilities, threshold: float) -> SentenceDecision:
    text = sent.text
    p_arg = probabilities[0] if probabilities else 0.5
    stripped = text.strip()
    # A verb cue names the critic before it; a noun cue at the start ("Kritiker wenden ein") is the critic.
    verbs = [span for span in hits["critique"] if text[span[0]:span[0] + 1].islower()]
    critique_cue = min(verbs) if verbs else _first(hits, _CRITIQUE_VERB_CATEGORIES)
    # Negative words inside a demand's clause ("… sollte die Schattenseiten nicht verschweigen") or a
    # concessive frame ("Es mag paradox klingen") judge nothing; a negative clause of its own does
    # ("Hersteller müssen X nachweisen, was kaum zu stemmen ist"). Doubt frames always criticise.
    hits = dict(hits, negative=_judging_negatives(text, hits))
    author_critique = _first(hits, _AUTHOR_CRITIQUE_CATEGORIES)
    reported = _first(hits, ("reported",))
    strong_claim = any(hits[c] for c in ("normative", "conclusion", "evaluative"))
    description = bool(hits["description"])

    # Questions assert nothing unless a doubt frame makes them a doubt ("Die Frage ist, ob …?")
    # or they are rhetorical ("Ist es nicht längst Aufgabe der Kommunen, …?").
    colon = stripped.find(":")
    asks = stripped.endswith("?") and not (colon > 0 and any(
        a < colon for c in ("normative", "evaluative", "reported") for a, _ in hits[c]))
    if asks and not (hits["doubt"] or critique_cue):
        if hits["rhetorical"]:
            return SentenceDecision("claim", _combine(p_arg, 0.7), find_speaker(sent, None) or AUTHOR)
        return SentenceDecision("none", round(min(p_arg, 0.3), 3))

    if critique_cue is not None or author_critique is not None:
        cue = critique_cue or author_critique
        stance = critique_cue is None and _STANCE.match(text, cue[0]) is not None  # "X ist skeptisch"
        speaker = find_speaker(sent, cue[0]) if critique_cue is not None or stance else find_speaker(sent, None)
        if critique_cue is None and reported is not None and speaker is None:
            speaker = find_speaker(sent, reported[0])
        if speaker is None and critique_cue is None and hits["negative"]:
            speaker = cited_author(sent)  # a negative judgement reported from a cited source
        critic = speaker or (unnamed_critics(text) if critique_cue is not None else None) or AUTHOR
        if critique_cue is not None:
            clause_start = _clause_start(text, cue[1])
            if clause_start == cue[1]:  # an object right after the cue ("warnt vor X", "Kritik an X")
                target = judged_subject(sent, cue[1], critic, lexicon, inner=cue)
            else:
                target = find_target(sent, clause_start, critic, lexicon, inner=cue)
        elif cue in hits["doubt"]:
            target = find_target(sent, _clause_start(text, cue[1]), critic, lexicon)
        else:
            frame = _first(hits, ("reported",))
            target = judged_subject(sent, _judged_region(text, cue, frame), critic, lexicon)
        score = _combine(p_arg, 0.9 if critique_cue is not None else 0.8)
        return SentenceDecision("critique", score, critic, target)

    cue_score = 0.0
    if hits["normative"]:
        cue_score = max(cue_score, 0.75)
    if hits["conclusion"]:
        cue_score = max(cue_score, 0.6)
    if hits["evaluative"]:
        cue_score = max(cue_score, 0.55)
    if reported is not None:
        cue_score = max(cue_score, 0.7)
    if description and not strong_claim and reported is None:
        # "Der Aufsatz untersucht …": a description of a text, not a position.
        return SentenceDecision("none", round(min(p_arg, 0.3), 3))
    narration = len(hits["narration"]) + _perfect_tense(sent)
    if not cue_score and narration:
        # Events, dates, past tense, study methods: narration or description rather than a position.
        p_arg = max(0.0, p_arg - 0.3 - 0.1 * min(narration - 1, 2))
    elif not cue_score and _cites_in_parentheses(sent):
        cue_score = 0.45  # a finding reported with a parenthetical citation: a claim of the cited author
    score = _combine(p_arg, cue_score) if cue_score else p_arg
    if score < threshold:
        return SentenceDecision("none", round(score, 3))
    holder = find_speaker(sent, reported[0]) if reported is not None else find_speaker(sent, None)
    return SentenceDecision("claim", round(score, 3), holder or cited_author(sent) or AUTHOR)

def _attribute(sent: Span, hits: dict, lexicon: CueLexicon, label: str, score: float,
               speaker: str | None = None) -> SentenceDecision:
    """Speaker and target for a sentence the model labelled: the cue that carries the judgement
    where there is one ("X kritisiert, dass …", "Offen bleibt, ob …"), else the reported speaker,
    a cited source, or the author; ``speaker``, when given, is the quotation's speaker."""
    score = round(float(score), 3)
    if label == "none":
        return SentenceDecision("none", score)
    text = sent.text
    reported = _first(hits, ("reported",))
    if label == "claim":
        holder = speaker or (find_speaker(sent, reported[0]) if reported is not None else find_speaker(sent, None))
        return SentenceDecision("claim", score, holder or cited_author(sent) or AUTHOR)
    verbs = [span for span in hits["critique"] if text[span[0]:span[0] + 1].islower()]
    critique_cue = min(verbs) if verbs else _first(hits, _CRITIQUE_VERB_CATEGORIES)
    hits = dict(hits, negative=_judging_negatives(text, hits))
    author_critique = _first(hits, _AUTHOR_CRITIQUE_CATEGORIES)
    if critique_cue is not None:
        critic = speaker or find_speaker(sent, critique_cue[0]) or unnamed_critics(text) or AUTHOR
        clause_start = _clause_start(text, critique_cue[1])
        if clause_start == critique_cue[1]:
            target = judged_subject(sent, critique_cue[1], critic, lexicon, inner=critique_cue)
        else:
            target = find_target(sent, clause_start, critic, lexicon, inner=critique_cue)
        return SentenceDecision("critique", score, critic, target)
    quoted = speaker
    if speaker is None and reported is not None:
        speaker = find_speaker(sent, reported[0])
    if author_critique is not None and speaker is None and _STANCE.match(text, author_critique[0]):
        speaker = find_speaker(sent, author_critique[0])
    critic = (speaker or (find_speaker(sent, None) if reported is None and quoted is None else None)
              or cited_author(sent) or AUTHOR)
    if author_critique is not None and author_critique in hits["doubt"]:
        target = find_target(sent, _clause_start(text, author_critique[1]), critic, lexicon)
    elif author_critique is not None:
        target = judged_subject(sent, _judged_region(text, author_critique, reported), critic, lexicon)
    else:
        start = _clause_start(text, reported[1]) if reported is not None else (_LABEL.match(text).end() if _LABEL.match(text) else 0)
        target = judged_subject(sent, start, critic, lexicon)
    return SentenceDecision("critique", score, critic, target)

#: A clause of its own after a demand: ", was …", ", weil …", ", aber …", "…, wird …" (main clause after
#: a fronted "wenn" clause), or a colon/semicolon.
_OWN_CLAUSE = re.compile(
    r"[,–—]\s*(?i:was|weil|da|denn|aber|doch|jedoch|obwohl|wodurch|womit|sodass|wird|werden|ist|sind|"
    r"bleibt|bleiben)(?!\w)|[;:]"
)

def _judging_negatives(text: str, hits: dict) -> list[tuple[int, int]]:
    """Negative hits that judge: not inside a concessive frame and not in the scope of a demand (a
    normative cue later in the sentence, or an earlier one without a clause of its own between)."""
    concessive = hits.get("concessive", [])
    demands = hits.get("normative", [])
    breaks = [m.start() for m in _OWN_CLAUSE.finditer(text)]

    def in_demand(a: int) -> bool:
        for start, end in demands:
            if start >= a:
                return True
            if not any(end <= b < a for b in breaks):
                return True
        return False

    return [(a, b) for a, b in hits.get("negative", [])
            if not any(c <= a and b <= d for c, d in concessive) and not in_demand(a)]

_STANCE = re.compile(r"(?i:skept|besorgt|bezweif|zweifel|beunruhig)")

_PERFECT_AUX = frozenset("hat haben hatte hatten ist sind war waren wurde wurden".split())

def _perfect_tense(sent: Span) -> int:
    """1 when the tagger marks a finite auxiliary with a past participle and no modal (Perfekt,
    Plusquamperfekt, passive of past events: "hat … aufgebaut", "wurde … gegründet"), else 0."""
    tags = [(t.tag_, t.lower_) for t in sent]
    if not any(tag for tag, _ in tags):
        return 0
    has_aux = any(tag == "VAFIN" and word in _PERFECT_AUX for tag, word in tags)
    has_participle = any(tag == "VVPP" for tag, _ in tags)
    has_modal = any(tag == "VMFIN" for tag, _ in tags)
    return int(has_aux and has_participle and not has_modal)

def _combine(p_model: float, p_cue: float) -> float:
    """Noisy-or of the classifier's and the cues' evidence (either can make an argument)."""
    return round(1.0 - (1.0 - p_model) * (1.0 - p_cue), 3)

# ----------------------------------------------------------------------------------- the component
@Language.factory(
    "textmine_arguments",
    default_config={"model_dir": None, "lexicon_dir": None, "threshold": 0.5, "use_model": True},
    assigns=component_assigns(CLAIMS, CRITIQUES),
    # The citation spans (cited authors hold reported claims, nothing in a bibliography is a claim);
    # the actor spans, where textmine_actors ran, name holders, critics and targets.
    requires=["doc.spans", "span._.textmine_authors"],
)
def make_component(
    nlp: Language, name: str, model_dir: str | None, lexicon_dir: str | None, threshold: float, use_model: bool
):
    register_extensions()
    from textmine.nlp.arguments.model import SentenceModel

    lexicon = CueLexicon.load(Path(lexicon_dir)) if lexicon_dir else default_lexicon()
    model = SentenceModel.load(Path(model_dir) if model_dir else None) if use_model else None
    return ArgumentComponent(lexicon, model, threshold, lexicon_dir=lexicon_dir)

class ArgumentComponent:
    """Labels every sentence; the model is loaded once per component instance. Without a model
    (``use_model=False``) the cue rules alone decide."""

    def __init__(self, lexicon: CueLexicon, model=None, threshold: float = 0.5, lexicon_dir: str | None = None):
        self.lexicon = lexicon
        self.model = model
        self.threshold = threshold
        self.lexicon_dir = lexicon_dir

    def to_disk(self, path, *, exclude=()) -> None:  # noqa: ANN001 - spaCy's signature
        """Save the threshold, a user's lexicon folder and the sentence model with the pipeline."""
        path = Path(path)
        write_settings(path, {"threshold": self.threshold})
        copy_lexicons(self.lexicon_dir, path)
        if (path / "model").exists():
            shutil.rmtree(path / "model")
        if self.model is not None:
            self.model.save(path / "model")

    def from_disk(self, path, *, exclude=()) -> "ArgumentComponent":  # noqa: ANN001
        from textmine.nlp.arguments.model import SentenceModel

        path = Path(path)
        self.threshold = float(read_settings(path).get("threshold", self.threshold))
        folder = saved_lexicons(path)
        if folder is not None:
            self.lexicon_dir = str(folder)
            self.lexicon = CueLexicon.load(folder)
        if (path / "model").is_dir():
            self.model = SentenceModel.load(path / "model")
        return self

    def __call__(self, doc: Doc) -> Doc:
        # has_annotation() scans every token and doc.text joins them: once per doc, not per sentence.
        require_groups(doc, "textmine_arguments", (CITATIONS,), "textmine_citations")
        with call_cache(doc):
            return self._label(doc)

    def _label(self, doc: Doc) -> Doc:
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        units = [(unit, unit.text) for s in sentences for unit in split_units(s)]
        units = [(unit, text) for unit, text in units if text.strip()]
        sentences = [unit for unit, _ in units]
        labels: list[tuple[str, float]] | None = None
        if self.model is not None and sentences:
            names, probabilities = self.model.predict_document([text for _, text in units], self.lexicon)
            index = {c: i for i, c in enumerate(self.model_classes)}
            labels = [(name, float(row[index[name]])) for name, row in zip(names, probabilities)]
        claims, critiques = [], []
        context = DocContext()
        attributions = quote_speakers(_doc_text(doc), [(s.start_char, s.end_char) for s in sentences])
        for index_, sent in enumerate(sentences):
            # "„…“, sagte sie", "X erklärt: „…": the quotation's speaker speaks every sentence of it.
            speaker = (resolve_speaker(doc, attributions[index_], context.last_speaker)
                       if attributions[index_] is not None else None)
            decision = decide(sent, self.lexicon, None, self.threshold, context,
                              labels[index_] if labels is not None else None, speaker)
            if (not speaker and decision.label != "none" and decision.holder
                    and decision.holder.lower() in _person_roles()):
                # "Die Autorin kritisiert …": the person named before (the last speaker or person).
                speaker = _person_before(doc, sent.start_char, context.last_speaker)
            if speaker:
                context.last_speaker = speaker
                if decision.label != "none":  # the cue rules' own speaker yields to the quotation's
                    decision.holder = speaker
                    if decision.label == "critique" and _same_name(decision.target, speaker):
                        decision.target = None
            span = _trim(sent)
            if decision.label in ("claim", "critique"):
                # Labelled "claim" / "critique" for displaCy (style="span"); the ``Span._`` values
                # live in doc.user_data by character offsets, so they are the same span's.
                span = Span(doc, span.start, span.end, label=decision.label)
            if decision.label == "claim":
                span._.textmine_holder = decision.holder
                span._.textmine_score = decision.score
                claims.append(span)
            elif decision.label == "critique":
                span._.textmine_critic = decision.holder
                span._.textmine_target = decision.target
                span._.textmine_score = decision.score
                critiques.append(span)
        doc.spans[CLAIMS] = claims
        doc.spans[CRITIQUES] = critiques
        return doc

    @property
    def model_classes(self) -> tuple[str, ...]:
        from textmine.nlp.arguments.model import CLASSES

        return CLASSES

#: "Die Bundesdatenschutzbeauftragte Louisa Specht-Riemenschneider", "Bitkom-Präsident Achim Berg": a role
#: noun before a first and last name (the person a later "sie"/"er" refers to when no actor span has it).
_ROLE_AND_NAME = re.compile(
    r"(?<!\w)[" + UPPER + r"][\w\-]*(?:in|er|ent|te|or|chef|ef)\s+([" + UPPER + r"][a-zäöüß]+\s+[" + UPPER + r"][a-zäöüß]+(?:-[" + UPPER + r"][a-zäöüß]+)?)(?!\w)"
)

_APPOSITION = re.compile(r"[^.!?„“\"»«]{0,60}?,\s*([" + UPPER + r"][a-zäöüß]+\s+[" + UPPER + r"][\w\-]+)(?!\w)")

_ROLE_ONLY = re.compile(r"^(?:der|die|das|den|dem)\s+(?:[a-zäöüß]\w*\s+)?[" + UPPER + r"][\w\-]+$")

@functools.lru_cache(maxsize=1)
def _person_roles() -> frozenset[str]:
    return frozenset(w.lower() for w in resources.read_lines(resources.lexicon_path("arguments", "person_roles.txt")))

def _person_before(doc: Doc, position: int, last_speaker: str | None) -> str | None:
    """The person a role noun or pronoun refers to: the last speaker when that is a full name, else
    the last person actor (or "Role First Last" phrase) before ``position``."""
    if last_speaker and last_speaker != AUTHOR and " " in last_speaker:
        return last_speaker
    persons = [a for a in _overlapping(doc, ACTORS, 0, position) if _actor_type(a) == "person"]
    if persons:
        return _full_name(doc, _actor_name(persons[-1]))
    named = list(_ROLE_AND_NAME.finditer(_doc_text(doc), 0, position))
    return named[-1].group(1) if named else None

def resolve_speaker(doc: Doc, attribution, last_speaker: str | None) -> str | None:
    """The actor an attributed speaker names: a pronoun or a bare role ("sie", "der Verband",
    "der Forscher") is the last speaker (else the last person named before it); a name is the
    actor span covering it (persons first), in its fullest form."""
    name = attribution.name.strip()
    if not name:
        return last_speaker if last_speaker != AUTHOR else None
    if _ROLE_ONLY.match(name):
        # "sagt der sozialpolitische Sprecher der Fraktion, Martin Rosemann": the apposition names him.
        apposition = _APPOSITION.match(_doc_text(doc), attribution.end)
        if apposition:
            return _full_name(doc, apposition.group(1))
    if name.lower() in PRONOUNS or _ROLE_ONLY.match(name):
        if last_speaker and last_speaker != AUTHOR:
            return last_speaker
        before = [a for a in _overlapping(doc, ACTORS, 0, attribution.start) if _actor_type(a) == "person"]
        if before:
            return _full_name(doc, _actor_name(before[-1]))
        named = list(_ROLE_AND_NAME.finditer(_doc_text(doc), 0, attribution.start))
        if named:
            return named[-1].group(1)
        return None if name.lower() in PRONOUNS else _surname(name)
    actors = [a for a in _overlapping(doc, ACTORS, attribution.start, attribution.end)]
    if actors:
        best = min(actors, key=lambda a: (_ACTOR_RANK.get(_actor_type(a), 3), -a.start_char))
        return _full_name(doc, _actor_name(best))
    words = [w for w in name.split() if w[:1].isupper()]
    return _full_name(doc, " ".join(words[-2:])) if words else None

#: A scraper's "date 2023-05" prefix glued to the first line of a post.
_DATE_PREFIX = re.compile(r"^\s*date\s+\d{4}-\d{2}\s")

#: A line this short without final punctuation before a line break is a heading, a kicker, a photo
#: credit or a list label: its own unit, never part of the sentence after it. Hard-wrapped prose
#: lines are longer.
_HEADING_WORDS = 8


def split_units(sent: Span) -> list[Span]:
    """The sentence split where the sentence splitter glued a unit to it: after a "date YYYY-MM"
    prefix and after a short line without final punctuation (headings, bylines, "Foto: …")."""
    doc = sent.doc
    cuts = []
    text = sent.text
    date = _DATE_PREFIX.match(text)
    if date:
        cuts.append(sent.start_char + date.end())
    elif "\n" not in text:
        return [sent]  # one line and no date: nothing to split
    line_start = sent.start_char
    for token in sent:
        if token.idx <= line_start:
            continue
        previous = doc[token.i - 1]
        if "\n" not in previous.text_with_ws or token.is_space:
            continue
        line = _doc_text(doc)[line_start:token.idx].strip()
        if (line and line[-1] not in _FINAL_PUNCTUATION and len(_WORD.findall(line)) <= _HEADING_WORDS
                and token.text[:1].isupper()):
            cuts.append(token.idx)
        line_start = token.idx
    if not cuts:
        return [sent]
    units, start = [], sent.start
    for cut in cuts:
        index = next((t.i for t in sent if t.idx >= cut and t.i > start), None)
        if index is None:
            continue
        units.append(doc[start:index])
        start = index
    units.append(doc[start:sent.end])
    return [u for u in units if len(u)]


def _trim(sent: Span) -> Span:
    """The sentence without leading/trailing whitespace tokens (so offsets match the text)."""
    start, end = sent.start, sent.end
    while start < end and sent.doc[start].is_space:
        start += 1
    while end > start and sent.doc[end - 1].is_space:
        end -= 1
    return sent.doc[start:end]

def model_meta(directory: Path = MODEL_DIR) -> dict:
    """The shipped sentence model's ``meta.json`` (credits, licence, validation scores)."""
    path = Path(directory) / "meta.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
