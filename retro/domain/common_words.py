"""Ordinary words that are also people's names (or parts of them), in the folded lower case.

A name part on this list ("Will", "Page", "May", "Mark", "Bill", "Rose" …) is matched only as a
name is written in a sentence — with a capital first letter and not in all capitals — so "we
will page the on-call" and "bill the customer" survive a participant called Will Page or Bill
May. Parts not on the list are matched in any case. The list is the most frequent English words
(function words, everyday verbs and nouns, the vocabulary of incident write-ups) plus the
English words that are also common given names or surnames; a retro adds its services' words.
Two-letter function words of other languages that are also name parts ("de", "van", "da") are
here too, so "Jan de Vries" does not make every "de" a name.
"""

from __future__ import annotations

_WORDS = """
a about above across act add after again against age ago agree air al all almost alone along already also
although always am among an and another answer any anyone anything apply april are area arm around art as
ask at august autumn away back bad bank base be bear became because become bed been before began begin
behind being bell below best better between big bill bin bird bit black blue board body bold book both
bottom box boy branch brand bread break bright bring broad brook brown build burn bush business but buy by
call came can cap car card care carry case cash cast cause center chance change chase check child city
claim clay clear cliff close code cold come common cook cool copy core cost could count course court cover
crane cross crystal cut daisy dale dash data date dawn day de dead deal dean dear del der des di die diff
disk do does dog don done door down draw drew drive drop due duke during each early earl east easy edge
eight either el else em en end english enough even eve ever every eye face fact fail faith fall far farm
fast father feel few field fill find fine fire first fish five fix flag flat floor flow fog fold follow
for force forest form forward found four frank free friend from front full fun game gate gave gay gene
get gift give glad go gold golden good got grace grant gray great green grey ground group grow guy had half
hall hand hard has have he head hear heart heath held hello help her here hero high hill him his hit hold
holly home hood hope host hot hour house how hunt hunter i ice idea if in ion iris is it its ivy jack jade
jay job join joy judge july june just keep key kind king knight know la land lane large last late law
lay le lead learn least leave left less let level lie life light like lily line link list little live lo
load lock long look lord lost lot love low luck made main major make man many march mark marsh mason
master may me mean mill miles mind mine miss model moon more morning most mother move much must my name
near need never new next nice night no node none noon north not note now number of off often oil old on
once one only open or order other our out over own page paris park part pass past pat patch path pay
peace pearl penny per pin ping place plan play point pool poor port post power press price prince pull
push put queen queue quick rain ran ray read ready real red reed rest rich ride right ring rise river rock
role rose round row ruby rule run rush sage said sale same san sand save saw say sea see seem self sell
send set shall sharp she ship shore short should show side sign silver since sing sir sky slack small
smith snow so some son song soon sound south spring stand star start state stay steel step still stone
stop storm story street strong such sue summer sun sunny sure swift table take talk tan team tell ten
than that the their them then there these they thing think this those though three through time to today
told tom too took top tower town tree true try turn two under until up upon us use van very view violet
von wade wait walk wall want war ward was watch water way we week well went were west what when where
which while white who whole why will win wind winter wise with wolf wood word work would yard year
yes yet you young your
zu da du dos das

able account action active actually added address admin agent alert alerts alarm allow allowed alone angle apps
arts asked auto avoid aware bake band bane banner based batch beta bind block bold bolt bone bore born boss
bound bug build built bunch bus busy cable cage cake calm camp cane canary cape cart chain chair cheap chief chip
class client cloud clock cluster cone config crash crew cron dane dare dark dash deploy deployed desk dial dine
dirt dish disk dock done dose dote dune dust earn ease echo else error errors event events fame fare fate fell
fern file files fine fleet flip frame gain gale game gap gear glen gone graph grid gust hale halt hang hare harm
hate heal hero hide hint hole holy horn hose hung idle image index inner input jam jar jet joke keen kit
lab lace lack lake lame lamp lance lean leap lens lime limit line lines lone lore lose loss mail male mane mate
maze meet melt memo mere mesh mile mine mint mode mole mono mute nail near neat net nine none nose null once
pace pack pact pale pane peak peek pile pipe plate plug pod pods poll pope pose pot pour pure race rack
rage rail raise rake rang rank rate raw reach rely robe role roll room root rope rot rude ruin same sane
scale seal seat sent shell shift sole solo sore spam spot stack stale stub sum tag tail tale tame tank tape
task tear tech term test text tick tide tile timer times tire tome tone tool total tour track trap trim tube
tune type unit user valid value vane vast vote wage wake wane ware warn wave wear wine wire yarn zone
max min lag rust amber ash
"""

COMMON_WORDS: frozenset[str] = frozenset(_WORDS.split())
