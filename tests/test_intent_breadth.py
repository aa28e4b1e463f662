"""How well question kinds are told apart on hundreds of wordings: greetings, thanks and help;
the news in general; other languages; and English news questions that are none of these.

The rules of ``qa.intent`` were once fitted to a few dozen questions and missed the wordings
readers actually used ("catch me up", "any news?", "that's great, thanks", "Wer hat die Wahl
gewonnen?"). These lists are how readers word each kind, in many more ways than the rules name
one by one, and they are scored as a classifier is: recall for each kind, and no English news
question (short ones, names that look foreign) taken for chat, for another language or for a
request for the main stories. Real langdetect, no model: fast.
"""

from __future__ import annotations

import re

import pytest

from qa.intent import classify
from tests.conftest import NEWSROOM

CHAT = """
    👍
    :)
    🙏
    hello
    hi
    hey
    Hi!
    hey there
    Hello there!
    hiya
    howdy
    yo
    good morning
    Good afternoon!
    good evening newsdesk
    Morning!
    hi newsdesk
    hello, anyone there?
    is anyone there?
    hey, how's it going?
    how's it going
    what's up
    sup
    how are you doing today?
    nice to meet you
    thanks
    thank you
    Thank you!
    thanks a lot
    thanks so much!
    thank you very much
    cheers
    cheers mate
    ta
    thx
    ty
    thanks, that's helpful
    thanks, that helps
    that's great, thanks
    perfect, thank you
    great, thanks!
    awesome thanks
    appreciate it
    much appreciated
    thank you for your help
    thanks for the info
    that was really helpful
    very helpful, thanks
    ok
    okay
    ok thanks
    got it
    got it, thanks
    cool
    nice
    great
    good to know
    interesting
    wow
    bye
    goodbye
    see you later
    see ya
    bye for now
    that's all for now
    that's all, thanks
    have a nice day
    good night
    help
    help!
    help please
    I need help
    can you help me?
    could you help me please?
    how can you help me?
    how do I use this?
    how does this work?
    what can you do?
    what can you do for me?
    what are you able to do?
    what are you?
    who are you?
    what is this?
    what is newsdesk?
    what is this tool?
    what can I ask?
    what can I ask you?
    what should I ask?
    what kind of questions can you answer?
    what questions can you answer?
    what sort of things can I ask you?
    what are you for?
    how do you work?
    what do you do?
    tell me what you can do
    tell me about yourself
    what are your capabilities?
    any tips?
    give me some examples of questions
    show me example questions
    what's a good question to ask?
    where do I start?
    how should I use you?
    can I ask you anything?
    Hi! How can you help me?
    Hello, what can I ask you?
    hey — what do you do?
    start
    ciao
    Hey hey!
    hi again
    Hello?
    hellooo
    helo
    hei there
    Good day to you
    evening!
    thnaks
    thank you kindly
    thanks heaps
    many thanks for that
    Thanks, that's exactly what I needed
    brilliant, cheers
    lovely, thank you
    nice one
    great stuff
    okay cool
    alright, thanks
    ok got it thanks
    that helps
    that's helpful
    super useful
    you're great
    you are awesome
    love it
    bye bye
    talk to you later
    catch you later
    goodnight
    I'm off, thanks
    that's everything, thanks
    What can you help me with?
    How can I use you?
    How do I ask a question?
    What should I type?
    Can you give me some example questions?
    What are some things I can ask?
    What is Newsdesk?
    What exactly do you do?
    Are you a bot?
    Are you a person?
    what are you capable of?
    How does Newsdesk work?
    is this thing on?
    anybody home?
    Can you assist me?
    I'm new here, what do I do?
    how to use
    instructions please
    help me out
    what's your name?
    Who made you?
    How are you today?
    how r u
    sup newsdesk
    Heyyy
    hello hello
    Hi Newsdesk!
    hiya, how are you?
    Good morning! How are you?
    mornin
    Howdy partner
    Thx a bunch
    thank youuu
    Thanks again!
    Thanks a million
    Ta very much
    Cheers for that
    Great answer, thanks
    That was useful
    Perfect, that's what I wanted
    Nice, appreciate it
    Awesome!
    Excellent
    ok thx
    Okay, good
    Fine, thanks
    Good bye
    Bye now
    See you soon
    Later!
    Have a good one
    Thanks and goodbye
    I'm done for today
    How can you help?
    Could you help?
    Help me
    what can you tell me?
    What are you good at?
    What do you know how to do?
    Who am I talking to?
    Are you human?
    Are you an AI?
    Is this a chatbot?
    How do I talk to you?
    What can I ask about?
    What can I do here?
    Can you show me what you can do?
    Give me an example
    Examples please
    any examples?
    Hello, can you help me?
    Hey, what do you do?
    Good evening, how do I use this?
"""
MAIN_STORIES = """
    Newsdesk, what's new?
    what's been dominating the news?
    what are the big stories?
    what has been making headlines in the news?
    Hey there, any news?
    Okay newsdesk, catch me up
    Any breaking news?
    What's the scoop?
    What do the papers say?
    What's in the papers?
    What is being reported?
    Tell me what the articles say
    Show me what you have
    What can you tell me about?
    How's the news today?
    What's hot?
    Hi! Any news?
    Hello, catch me up
    Good morning! What did I miss?
    What are the main stories?
    what's in the news?
    what's in the news today?
    what is in the news right now?
    What's the news?
    what's the news today?
    any news?
    anything new?
    what's new?
    what's happening?
    what is happening in the world?
    what's been happening?
    what has been happening lately?
    what's going on?
    what's been going on?
    what's going on in the news?
    what's going on lately?
    catch me up
    catch me up on the news
    can you catch me up?
    bring me up to speed
    get me up to speed on the news
    fill me in
    fill me in on the news
    brief me
    give me a briefing
    give me a news briefing
    I want a news briefing
    daily briefing please
    morning briefing
    news roundup
    give me a roundup of the news
    what are today's headlines?
    headlines
    headlines please
    show me the headlines
    top headlines
    top stories
    give me the top stories
    what are the top stories today?
    what are the biggest stories?
    what are the biggest news stories right now?
    what's the biggest story right now?
    what is the most important story right now
    what are the most important stories?
    the key stories please
    what are the major news events?
    what news do you have?
    what stories do you have?
    what stories are there?
    what do you have for me?
    what topics do you cover?
    what topics are covered?
    what do you cover?
    what subjects do the articles cover?
    what are the articles about?
    what is in the articles?
    what's in the collection?
    what's in your archive?
    what news is there?
    summarize the news
    summarise everything
    give me a summary of all the news
    give me an overview of the news
    an overview of everything please
    overview of the news
    recap the news
    news recap
    what did I miss?
    what have I missed?
    anything I should know about?
    what should I know?
    what's worth reading?
    what's the big news?
    what's the latest?
    what's the latest news?
    latest news
    the latest headlines
    any updates?
    give me the news
    tell me the news
    tell me what's happening
    what is everyone talking about?
    what are people talking about?
    what happened recently?
    what's trending?
    which stories are in the news?
    list the stories
    list all the stories you have
    what stories can I ask about?
    what news can I ask about?
    What's the news this morning?
    So what's happening?
    tell me what's going on
    anything happening?
    Anything interesting?
    Is there any news?
    What news have you got?
    news please
    latest headlines?
    the news
    Give me the headlines
    what's making headlines?
    what's in the headlines?
    Brief me on the news
    quick briefing
    give me the rundown
    run me through the news
    bring me up to date
    update me
    Update me on everything
    any developments?
    What's the big story?
    what are the big stories?
    What's the top story?
    which stories are the biggest?
    what are the main topics?
    what topics can you talk about?
    What subjects do you know about?
    what do you know about?
    what articles do you have?
    Which articles are in the collection?
    What do the articles talk about?
    What kinds of stories are there?
    What's been in the news lately?
    what has happened recently?
    What's been going on recently?
    anything new today?
    What did I miss this week?
    Summarise today's news
    summary of everything
    sum up the news for me
    give me an overview
    What's the news roundup?
    Catch me up on what's happening
    I've been away, what happened?
    What are the headlines today?
    What's the news today
    Whats happening
    whats new
    any news today?
    Got any news?
    News?
    Headlines?
    Tell me the headlines
    What are the headlines?
    Read me the headlines
    Give me today's top stories
    What are the top news?
    What are the important stories?
    What's the most important news?
    What is going on in the world?
    What's happening right now?
    What's been happening this week?
    Anything happen lately?
    Did anything happen?
    Anything I missed?
    What have I missed lately?
    Give me a quick update
    Give me the latest
    What's the latest news today?
    Latest?
    Recap please
    Can I get a summary of the news?
    Summarize the articles
    Give me an overview of the stories
    Catch me up please
    Bring me up to speed on the news
    Fill me in on what's happening
    Let me know what's going on
    What stories are you following?
    What are you covering?
    What topics are in the articles?
    What's in the news lately?
    Which stories are there?
    Show me the stories
    List the main stories
"""
OTHER_LANGUAGES = """
    ¿Qué pasó con la huelga?
    ¿Cuántas casas se quemaron?
    ¿Quién ganó las elecciones en Valdoria?
    ¿Por qué bajó el banco central los tipos?
    ¿Cuándo vuelve Mensah?
    Hola, ¿qué noticias hay?
    ¿Qué dijo Ilse Varga?
    Qué hay de nuevo
    noticias de hoy
    Resumen de las noticias
    Qu'est-ce qui s'est passé avec la grève?
    Combien de maisons ont brûlé?
    Qui a gagné l'élection à Valdoria?
    Pourquoi la banque a-t-elle baissé ses taux?
    Quand Mensah revient-il?
    Quoi de neuf?
    Bonjour, quelles sont les nouvelles?
    Résumé de l'actualité
    Que s'est-il passé à Cedar Ridge?
    Was ist mit dem Streik passiert?
    Wie viele Häuser sind abgebrannt?
    Wer hat die Wahl in Valdoria gewonnen?
    Warum hat die Zentralbank die Zinsen gesenkt?
    Wann kommt Mensah zurück?
    Was gibt es Neues?
    Was ist los?
    Erzähl mir von Lumora
    Nachrichten von heute
    O que aconteceu com a greve?
    Quantas casas foram destruídas?
    Quem venceu a eleição?
    Por que o banco cortou os juros?
    Quais são as notícias?
    Cosa è successo con lo sciopero?
    Quante case sono state distrutte?
    Chi ha vinto le elezioni in Valdoria?
    Perché la banca ha tagliato i tassi?
    Quali sono le notizie principali?
    Che cosa è successo a Lumora?
    Wat is er gebeurd met de staking?
    Hoeveel huizen zijn afgebrand?
    Wie heeft de verkiezingen gewonnen?
    Wat is het laatste nieuws?
    Vad hände med strejken?
    Hur många hus brann?
    Vem vann valet i Valdoria?
    Hva skjedde med streiken?
    Hvem vant valget?
    Hvad skete der med strejken?
    Co się stało ze strajkiem?
    Ile domów spłonęło?
    Kto wygrał wybory w Valdorii?
    Ne oldu grevle?
    Kaç ev yandı?
    Seçimi kim kazandı?
    Apa yang terjadi dengan pemogokan?
    Siapa yang memenangkan pemilu?
    Berapa banyak rumah terbakar?
    Mi történt a sztrájkkal?
    Ce s-a întâmplat cu greva?
    Cine a câștigat alegerile?
    Mitä lakolle tapahtui?
    Kuka voitti vaalit?
    Что случилось с забастовкой?
    Сколько домов сгорело?
    Кто выиграл выборы?
    Що сталося з пожежею?
    Τι συνέβη με την απεργία;
    ما الذي حدث للإضراب؟
    מה קרה עם השביתה?
    罢工怎么样了？
    谁赢得了选举？
    ストライキはどうなりましたか？
    파업은 어떻게 되었나요?
    हड़ताल का क्या हुआ?
    การประท้วงเป็นอย่างไรบ้าง
    Đã xảy ra chuyện gì với cuộc đình công?
    Ai đã thắng cuộc bầu cử?
    Nini kilitokea kwa mgomo?
    Hvað gerðist með verkfallið?
    Mitä Mensahille tapahtui?
    Kdo vyhrál volby?
    Co se stalo se stávkou?
    Kto vyhral voľby?
    Šta se desilo sa štrajkom?
    Mikä on uusin uutinen?
    Hola
    Bonjour
    Danke
    Gracias
    Merci beaucoup
    Guten Tag
    Obrigado
    ¿Qué noticias hay hoy?
    ¿Quién es Dara Okafor?
    ¿Cuándo termina la huelga?
    ¿Hubo muertos en el incendio?
    Dime las noticias principales
    Buenos días
    Muchas gracias
    ¿Qué pasó en Valdoria?
    Qui est Kwame Mensah?
    Quelles sont les dernières nouvelles?
    Que fait Lumora?
    Merci!
    Y a-t-il des morts?
    Où en est la grève?
    Wer ist Ilse Varga?
    Was macht Lumora jetzt?
    Gibt es Neuigkeiten?
    Wie geht es Mensah?
    Welche Geschichten gibt es?
    Chi è Mira Sandoval?
    Come sta Mensah?
    Qual è l'ultima notizia?
    Quem é Nadia Ferrant?
    O que houve em Cedar Ridge?
    Qual foi o resultado da eleição?
    Wie is de vakbondsleider?
    Waar gaat het over?
    Vem är Helena Marsh?
    Vad är det senaste?
    Hvem er Jorge Ibarra?
    Kim jest Mensah?
    Co nowego?
    Jak się czuje Mensah?
    Mensah ne zaman dönüyor?
    Seçim sonuçları nedir?
    Siapa Ilse Varga?
    Apa kabar terbaru?
    Ki nyerte a választást?
    Care sunt ultimele știri?
    Kuka on Ilse Varga?
    Kdy skončila stávka?
    Ko je pobijedio na izborima?
    Кто такой Менса?
    Какие новости?
    Ποιος κέρδισε;
    最新消息是什么？
    誰が選挙に勝ちましたか？
    누가 이겼어요?
    Habari gani?
    Ano ang balita?
    Kamusta
    Hallo zusammen
    Grazie mille
    Tschüss
    Au revoir
    Adiós
    Hola, ¿cómo estás?
    ¿De qué tratan los artículos?
    ¿Cuál es la última noticia sobre Lumora?
    ¿Se acabó la huelga?
    ¿Qué dijo el juez?
    Bonjour Newsdesk
    Quoi de neuf aujourd'hui?
    Que s'est-il passé avec Brightwave?
    Qui a gagné?
    Le feu est-il éteint?
    Danke schön
    Was ist passiert?
    Ist der Streik vorbei?
    Wer hat gewonnen?
    Was sind die Schlagzeilen?
    Ciao, come stai?
    Cosa c'è di nuovo?
    Chi ha vinto?
    L'incendio è spento?
    Olá, tudo bem?
    O que há de novo?
    Quem ganhou?
    A greve acabou?
    Hoe gaat het?
    Wie heeft gewonnen?
    Is de staking voorbij?
    Hej, vad händer?
    Vem vann?
    Hvem vandt?
    Cześć, co słychać?
    Kto wygrał?
    Merhaba
    Kim kazandı?
    Selamat pagi
    Siapa yang menang?
    Szia
    Ki nyert?
    Bună ziua
    Cine a câștigat?
    Hei, mitä kuuluu?
    Kuka voitti?
    Ahoj
    Kdo vyhrál?
    Привет
    Кто победил?
    Γεια σου
    你好
    こんにちは
    안녕하세요
    مرحبا
    שלום
    नमस्ते
    Xin chào
    Jambo
"""
ENGLISH_QUESTIONS = """
    Great Western strike latest
    thanks to the firefighters, was the fire stopped?
    Newsdesk, who won the election?
    What did the papers say about the strike?
    What was reported about Lumora?
    Is the fire still hot?
    How did the press react?
    What do you know about the comet?
    Show me what Lumora recalled
    wht hapnd to lumora
    hw mny homs brnt
    wen did strik end
    wher is mensah
    who wn electin
    wat did varga sya
    hw lng ws the strke
    strke ovr?
    recal widend?
    evacuatd?
    wht hppnd
    wer did the fire start
    wo won the electon
    lumora recal lawsiut
    brightwave apeal
    Who is Dara Okafor?
    What did Okafor say?
    Who won in Valdoria?
    Valdoria election result
    Quillon lawsuit
    What did Quillon claim?
    Mensah injury
    When is Mensah back?
    Is Mensah fit?
    How is Mensah?
    Who is Mira Sandoval?
    What did Sandoval say about the appeal?
    Lumora recall
    Lumora heaters
    Brightwave appeal
    Nova 2 chip
    Cedar Ridge fire
    Cedar Ridge evacuations
    Eastmere rates
    What did Ilse Varga say?
    Varga rate cut
    Ibarra tax plan
    Marsh second term?
    Who is Helena Marsh?
    What is the People's Front?
    Kestrel switch
    Kestrel Components
    Ochieng marathon
    Ferreira time
    Port Lowry
    Harbour City strike
    Northvale Power
    Millbrook Falls
    Ines Caldwell
    Margarethe schooner
    Kelby Observatory comet
    strike over?
    fire out?
    rates cut?
    recall widened?
    Who won?
    Why?
    When?
    How many?
    Is it over?
    What now?
    Any deaths?
    Anyone hurt?
    Was anyone arrested?
    Did they settle?
    How much were the damages?
    Did Brightwave win?
    Did the union accept?
    Are buses running?
    Is the fire contained?
    What caused the fire?
    Who started the fire?
    Why did the bank cut rates?
    How many homes burned?
    What was the turnout?
    Did Marsh win?
    How old is Ochieng?
    Where is Port Lowry?
    What's Lumora?
    What is Kestrel?
    Los Angeles fires
    El Niño and the harvest
    Who is Pieter Olsen?
    Olsen postal ballots
    Luca Brandt
    Tomas Lindqvist
    Jorge Ibarra
    Mateo Ferreira
    Isaac Kiprono
    Nadia Ferrant
    the union's demands
    strike deal terms
    What did the judge rule?
    Hi, what happened with the strike?
    Hello, who won the election?
    Thanks. And who is the union leader?
    Thanks! What happened to the strike?
    ok, and the fire?
    great, and what about Lumora?
    cool, when does Mensah return?
    What does the union want?
    Help for evacuees?
    Did the government help the victims?
    What help was offered to residents?
    Who helped fight the fire?
    What are the main causes of the fire?
    How is the strike going?
    How are the talks going?
    What's happening with the strike?
    What's going on with Lumora?
    What's new with the recall?
    Any news on Mensah?
    What's the latest on the wildfire?
    What is the news about Brightwave?
    Tell me about the election
    catch me up on the strike
    fill me in on the Lumora recall
    brief me on the wildfire
    give me a summary of the strike
    What happened in Valdoria?
    Who is Okafor
    okafor
    mensah
    valdoria
    quillon
    lumora
    Who is Kwame Mensah?
    Mensah back yet?
    Okafor's deal
    Did Okafor sign?
    what did varga say
    varga rates
    lumora switch supplier
    who makes the switch
    Kestrel's response
    Brightwave damages
    Quillon v Brightwave
    Valdoria turnout
    valdoria recount
    Marsh majority
    Ibarra concede?
    Ochieng record
    Ferreira won?
    comet size
    Kelby comet
    museum reopening cost
    Caldwell museum
    Olsen ballots
    postal ballot deadline
    strike pay deal
    union vote result
    bus drivers pay
    fire cause
    homes lost
    evacuation order lifted?
    Northvale liable?
    damages award reduced?
    Who's the CEO of Lumora?
    Who's Sandoval?
    Where's the museum?
    When's the next rate decision?
    How long was the strike?
    How big was the fire?
    What's the death toll?
    Any injuries?
    Were there any deaths?
    Who won the marathon?
    What was the final score?
    Who scored?
    How did Rovers do?
    Has Mensah scored since?
    What did the court say?
    Is Brightwave appealing?
    What did the union say?
    What happened next?
    And then?
    What about the union?
    Tell me more
    More details please
    Can you explain that?
    Why was that?
    Who said that?
    Is that true?
    Are you sure?
    Really?
    Source?
    What else?
    Anything else about the fire?
    Any news on the recall?
    What's new with Mensah?
    Latest on Valdoria?
    Catch me up on the election
    Give me the headlines about the fire
    What's the story with Quillon?
    news about the strike
    Headlines on Lumora
    What happened in the election?
    Summarise the wildfire
    The recall in brief
    Help for the fire victims
    Who helped the evacuees?
    Thanks to whom did the fire stop?
    Who thanked the firefighters?
    How did people react?
    What is the union called?
    Who are the candidates?
    What are the main issues in the election?
    Is the central bank independent?
    What does Lumora make?
    Hello Kitty heaters?
    Who's leading the polls?
    Did the comet hit?
    What do you mean?
    Can you tell me more?
    Do you have a source?
    What did you find?
    Could you list them?
    I don't understand
    Can you repeat that?
    Show me
    Explain
    Tell me more about that
    What do you know about the strike?
    Help me understand the recall
    I want to know about the fire
    Give me examples of recalls
    What's the weather like?
    What's trending on TikTok?
    What is the news from Valdoria?
    What's happening with Lumora?
    What's new on the recall?
    Any update on Mensah?
    What's the latest on the fire?
    Is there news about the union?
    What happened to Brightwave?
    Headlines about the election
    Who lost?
    Where?
    How many died?
    Why did they strike?
    What next?
    Did it work?
    Was it worth it?
    How much?
    How long?
    Who is she?
    Who is he?
    What did he say?
    What did they decide?
    Is Okafor still in charge?
    Okafor
    Mensah
    Valdoria
    Lumora heater
    Quillon Systems
    Mensah hamstring
    Mensah goals
    Valdoria Ibarra
    Brightwave Nova
    Eastmere bank
    Cedar Ridge containment
    Port Lowry marathon
    The union leader
    The judge
    The fire chief
    Any arrests?
    Anybody hurt in the fire?
    Did anyone die?
    Is anyone responsible?
    Someone was fined?
    Thank the firefighters?
    Who thanked the volunteers?
    How did the union respond?
    How are the evacuees doing?
    How's the recall going?
    How's Mensah doing?
    What helps the economy?
    Nice weather for the marathon?
    Good news for Lumora?
    Great result for Marsh?
    Is it good news?
    Lumora comment?
    Did Kestrel comment on the recall?
    I've heard the strike ended, is that right?
    We've had no buses for a week, when will it end?
    Was the central bank hawkish or dovish?
    How does the system of postal ballots work?
    Who built the tool that Quillon patented?
"""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines()]


@pytest.fixture(scope="module")
def known() -> frozenset[str]:
    """The articles' words, as the index's vocabulary gives them to the classifier."""
    words: set[str] = set()
    for path in NEWSROOM.iterdir():
        words |= {w.lower() for w in re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8"))}
    return frozenset(words)


@pytest.mark.parametrize(
    ("messages", "kind", "least"),
    [(CHAT, "chat", 0.97), (MAIN_STORIES, "main_stories", 0.97), (OTHER_LANGUAGES, "not_english", 0.97)],
    ids=["chat", "main_stories", "not_english"],
)
def test_each_kind_is_recognised_in_most_of_its_wordings(
    messages: str, kind: str, least: float, known: frozenset[str]
) -> None:
    asked = _lines(messages)
    missed = [(m, got) for m in asked if (got := classify(m, known=known).kind) != kind]
    assert 1 - len(missed) / len(asked) >= least, missed


def test_no_english_news_question_is_taken_for_chat_another_language_or_the_main_stories(
    known: frozenset[str],
) -> None:
    caught = [
        (q, got)
        for q in _lines(ENGLISH_QUESTIONS)
        if (got := classify(q, known=known).kind) in ("chat", "not_english", "main_stories")
    ]
    assert caught == []


def test_what_is_taken_for_each_kind_is_that_kind(known: frozenset[str]) -> None:
    """Precision: of the messages given a kind, the share that are of it (across all the lists)."""
    labelled = [(m, "chat") for m in _lines(CHAT)]
    labelled += [(m, "main_stories") for m in _lines(MAIN_STORIES)]
    labelled += [(m, "not_english") for m in _lines(OTHER_LANGUAGES)]
    labelled += [(m, "question") for m in _lines(ENGLISH_QUESTIONS)]
    got = {m: classify(m, known=known).kind for m, _ in labelled}
    for kind in ("chat", "main_stories", "not_english"):
        given = [(m, truth) for m, truth in labelled if got[m] == kind]
        wrong = [(m, truth) for m, truth in given if truth != kind]
        assert len(wrong) / len(given) <= 0.01, (kind, wrong)


def test_the_lists_are_broad() -> None:
    assert len(_lines(CHAT)) >= 60 and len(_lines(MAIN_STORIES)) >= 60
    assert len(_lines(OTHER_LANGUAGES)) >= 80 and len(_lines(ENGLISH_QUESTIONS)) >= 80


@pytest.mark.parametrize(
    "question",
    ["What are the biggest running stories in Taldera right now?", "what are the big ongoing stories?"],
)
def test_running_stories_are_the_main_stories(question: str) -> None:
    assert classify(question).kind == "main_stories"
