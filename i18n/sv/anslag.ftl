# anslag: meddelanden på svenska. Varje id här måste finnas i ../en/anslag.ftl också.
# Argumenten är text. Håll namnen `{$field}` lika i båda filerna.

## Diagnoser: `<id>` säger vad som är fel, `<id>-help` hur det rättas.

not-utf8 = filen är inte UTF-8: den första felaktiga byten står här
not-utf8-help = Spara filen som UTF-8 (i de flesta redigerare: "Spara som" → kodning "UTF-8"). anslag gissar aldrig teckenkodning.
read-failed = filen gick inte att läsa: {$reason}
read-failed-help = Kontrollera att filen finns och att du har rätt att läsa den.
front-matter-missing = filen börjar inte med ett fälthuvud (front matter)
front-matter-missing-help = Börja filen med en rad `---`, sedan fälten (t.ex. `title: …`), sedan en rad `---` till och därefter texten.
front-matter-unclosed = fälthuvudet avslutas aldrig
front-matter-unclosed-help = Lägg till en rad med bara `---` efter det sista fältet, före texten.
yaml-syntax = felaktig YAML: { $kind ->
    [missing-space] efter kolonet i `{$key}:` behövs ett mellanslag
    [tab] ett tabbtecken i indraget, där YAML kräver mellanslag
    [unclosed-quote] citattecknet som börjar här avslutas aldrig på sin rad
    [after-quote] text efter det avslutande citattecknet
    [unclosed-bracket] en `[` eller `{"{"}` avslutas aldrig, eller ett kommatecken saknas
    [colon] ett `: ` där YAML inte väntar sig ett nytt fält (text med kolon måste stå inom citattecken)
    [indentation] { $expected_indent ->
        [none] indraget stämmer inte med fälten ovanför
       *[other] raden är indragen {$indent} mellanslag, men fälten i samma block är indragna {$expected_indent} (som på raden som visas nedan)
    }
    [block-scalar] texten under `|` eller `>` är inte indragen mer än sitt fält
    [no-colon] en rad som varken är `fält: värde` eller en del av texten ovanför
    [special-start] ett värde börjar med ett tecken som YAML reserverar (som `@`, `` ` ``, `%`, `&`, `*`, `!` eller `-`)
    [unprintable] ett osynligt styrtecken som YAML inte tillåter
    [escape] en okänd teckenkombination som `\x` inom dubbla citattecken
    [alias] ett alias (`*namn`) hänvisar till ett ankare som inte finns, eller ett ankare används två gånger
    [documents] en andra `---` inne i fälthuvudet
   *[other] tolkningen stannade här (YAML-tolkarens förklaring på engelska: {$reason})
}
yaml-syntax-help = { $kind ->
    [missing-space] Skriv ett mellanslag efter kolonet: `{$fix}`.
    [tab] { $fix ->
        [none] Byt tabbtecknen i början av raden mot mellanslag, lika många som raderna runt omkring har.
       *[other] Dra in raden med {$expected_indent} mellanslag i stället för tabbtecknet: `{$fix}`. Ställ in redigeraren så att tabbtangenten skriver mellanslag.
    }
    [unclosed-quote] { $fix ->
        [none] Avsluta texten med samma citattecken som den börjar med.
       *[other] Avsluta texten med samma citattecken på samma rad: `{$fix}`.
    }
    [after-quote] Skriv hela texten inom citattecknen, eller ta bort dem.
    [colon] { $fix ->
        [none] Sätt texten inom citattecken, t.ex. title: "Budget: 2024".
       *[other] Sätt texten inom citattecken: `{$fix}`.
    }
    [indentation] Dra in raden lika långt som de andra fälten i samma block (med mellanslag, inte tabbar); ett fält i en post i en lista dras in lika långt som postens första fält efter `- `.
    [block-scalar] Dra in varje rad i texten under `fält: |` minst två mellanslag mer än fältet.
    [no-colon] Skriv fältet som `fält: värde`; text som fortsätter över flera rader skrivs med `|` (t.ex. `decision: |`) och indragna rader under.
    [special-start] Sätt värdet inom citattecken, t.ex. title: "@kommunen".
   *[other] Kontrollera indraget (mellanslag, inte tabbar), att varje `fält: värde` har ett mellanslag efter kolonet och sätt citattecken kring text som innehåller `: ` eller börjar med ett specialtecken, t.ex. title: "Budget: 2024".
}
duplicate-key = fältet `{$field}` finns två gånger
duplicate-key-help = Behåll ett av dem; YAML tillåter inte samma fält två gånger på samma ställe.
wrong-type = `{$field}` ska vara { $expected ->
    [list] en lista med text
    [mapping] en uppsättning fält (rader `fält: värde`)
    [list-of-mappings] en lista med poster, var och en en uppsättning fält
   *[text] text
}
wrong-type-help = { $expected ->
    [list] Skriv en post per rad som börjar med `- `, eller [A, B] på en rad.
    [mapping] Skriv fälten indragna på raderna under `{$field}:`.
    [list-of-mappings] Skriv varje post som `- ` följt av dess fält, indragna.
   *[text] Skriv texten direkt efter `{$field}: `; sätt citattecken om den börjar med `[`, `{"{"}` eller `-`.
}
missing-field = det obligatoriska fältet `{$field}` saknas
missing-field-help = Lägg till en rad `{$field}: …` i den här filen.
unknown-field = okänt fält `{$field}`{ $suggestion ->
    [none] {""}
   *[other] { $via ->
        [swedish] : fälten har engelska namn, `{$field}` heter `{$suggestion}`
       *[other] , menade du `{$suggestion}`?
    }
}
unknown-field-help = { $suggestion ->
    [none] Ta bort det eller jämför stavningen med innehållsformatet. Kända fält här: {$known}.
   *[other] Byt namn till `{$suggestion}` eller ta bort det. Kända fält här: {$known}.
}
date-format = `{$value}` är inte ett datum på formen ÅÅÅÅ-MM-DD
date-format-help = Skriv datumet som år-månad-dag med fyra, två och två siffror, t.ex. 2023-10-06.
date-not-real = `{$value}` är inte ett verkligt datum: { $problem ->
    [month] det finns ingen månad {$month}
    [year] det finns inget år 0000
   *[day] {$month} har bara {$days} dagar
}
date-not-real-help = Kontrollera år, månad och dag; den dagen finns inte i kalendern.
invalid-value = `{$value}` är inte ett giltigt värde för `{$field}`
invalid-value-help = Använd något av: {$allowed}.
invalid-number = `{$value}` är inte ett giltigt värde för `{$field}`: det ska vara ett heltal från {$min}
invalid-number-help = Skriv ett heltal utan mellanslag eller bokstäver, t.ex. `{$field}: {$example}`.
body-folder-name = { $reserved ->
    [yes] mappnamnet `{$name}` för organet används av webbplatsen själv
   *[no] mappnamnet `{$name}` för organet är inte ett giltigt kortnamn (slug)
}
body-folder-name-help = Byt namn på mappen till `{$suggestion}`: bara a–z, 0–9 och `-` är tillåtna (inga å, ä, ö, versaler eller mellanslag).
meeting-folder-name = mappnamnet `{$name}` för sammanträdet är inte ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD-<tillägg>
meeting-folder-name-help = Döp mappen efter sammanträdesdagen, t.ex. `2023-10-02`, eller `2023-10-02-extra` för ett andra sammanträde samma dag (tillägg: a–z, 0–9, `-`).
meeting-date-mismatch = sammanträdesdatumet {$date} skiljer sig från mappens datum {$folder}
meeting-date-mismatch-help = Låt `date` och mappnamnet stämma överens: antingen `date: {$folder}` eller byt namn på mappen.
duplicate-number = § {$number} förekommer två gånger i det här sammanträdet
duplicate-number-help = Ge en av de två paragraferna ett annat nummer; den andra finns i {$other}.
related-first-here = § {$number} finns också här
related-confidential-here = den sekretessbelagda paragrafen hänvisar till den här
related-indent-here = en rad i samma block, rätt indragen
related-first-key = först angivet här
document-missing = dokumentfilen `{$file}` finns inte
document-missing-help = Lägg filen på `{$expected}` i innehållsmappen (sökvägar räknas från sammanträdesmappen) eller rätta `file`.
document-outside = dokumentfilen `{$file}` ligger utanför innehållsmappen
document-outside-help = Kopiera filen till sammanträdesmappen (t.ex. `bilagor/`) och hänvisa till den där; anslag läser aldrig filer utanför content/.
adjusted-before-meeting = { $of ->
    [paragraph] paragrafen är justerad
   *[protocol] protokollet är justerat
} ({$adjusted}) före sammanträdet ({$date})
adjusted-before-meeting-help = Ett protokoll justeras på eller efter sammanträdesdagen; kontrollera `adjusted` och `date`.
posted-before-adjusted = anslaget sätts upp ({$posted}) innan protokollet justerades ({$adjusted})
posted-before-adjusted-help = Tillkännagivandet om justering kan sättas upp tidigast justeringsdagen; sätt `posted` till {$adjusted} eller senare.
removal-too-early = anslaget tas ned ({$removal}) innan överklagandetiden har gått ut (sista dag att överklaga: {$last_day})
removal-too-early-help = Anslaget ska sitta uppe till och med sista dagen för överklagande (kommunallagen 8 kap. 12 §). Sätt `removal` till {$earliest} eller senare, eller ta bort raden så blir det det datumet.
identity-number = ett personnummer finns i text som publiceras{ $in ->
    [file-name] : filnamnet (anslagets adress)
   *[text] {""}
}
identity-number-help = { $in ->
    [file-name] Byt namn på filen så att numret inte ingår.
   *[text] Ta bort numret eller maskera det (t.ex. 19121212-XXXX).
} Personnummer och samordningsnummer publiceras aldrig.
board-date-without-adjusted = `{$field}` är angivet men { $of ->
    [paragraph] paragrafen
   *[protocol] protokollet
} saknar `adjusted` (justeringsdag)
board-date-without-adjusted-help = Anslaget sätts upp först efter justering: lägg till `adjusted: ÅÅÅÅ-MM-DD` eller ta bort `{$field}`.
public-title-missing = en sekretessbelagd paragraf behöver `public_title`
public-title-missing-help = Lägg till `public_title: …` (t.ex. `public_title: Individärende`): den publiceras i stället för rubriken.
missing-file = `{$file}` saknas i den här mappen
missing-file-help = Skapa `{$file}`; se innehållsformatet för dess fält.
unexpected-file = `{$file}` ligger inte där anslag läser den
unexpected-file-help = { $where ->
    [root] Direkt i innehållsmappen hör bara `site.yaml`, `notices/` och organens mappar hemma.
    [body] Ett organs mapp innehåller `_body.yaml` och sammanträdesmappar (ÅÅÅÅ-MM-DD).
   *[meeting-sub] Paragraffiler (.md) ska ligga direkt i sammanträdesmappen; mappar under den innehåller bara bilagor.
}
unknown-body = det finns inget organ med kortnamnet `{$slug}`{ $suggestion ->
    [none] {""}
   *[other] , menade du `{$suggestion}`?
}
unknown-body-help = Använd mappnamnet för något av organen: {$known}.
notice-removal-too-early = anslaget tas ned ({$removal}) samma dag eller före den dag det sätts upp ({$posted})
notice-removal-too-early-help = Sätt `removal` till en dag efter `posted`.
link-outside = `{$file}` är en länk till en plats utanför innehållsmappen
link-outside-help = Ersätt länken med en kopia av filen; anslag läser aldrig filer utanför content/.
yaml-too-complex = { $problem ->
    [depth] fälthuvudet är nästlat i fler än {$limit} nivåer
   *[size] fälthuvudet är för stort: med alias utskrivna blir det fler än {$limit} värden
}
yaml-too-complex-help = Skriv ut fälten direkt, utan YAML-ankare och alias som upprepar stora delar.
legal-ground-missing = `confidential` är angivet utan sekretessgrund
legal-ground-missing-help = Skriv grunden för sekretess, t.ex. `confidential: 26 kap. 1 § OSL`; är paragrafen offentlig tar du bort raden.
unknown-code-language = kodspråket `{$lang}` är okänt; blocket visas som vanlig text
unknown-code-language-help = Använd ett vanligt namn som `yaml`, `json`, `xml`, `sql`, `python`, `bash` eller `text`, eller utelämna språket.
attachment-type = dokumentfilen `{$file}` är av en typ som en webbläsare skulle köra som en del av webbplatsen ({ $how ->
    [content] innehållet är {$ext}
   *[name] .{$ext}
})
attachment-type-help = Publicera handlingen som PDF (eller annat dokumentformat); HTML, SVG, skript och XML skulle kunna köra skript på kommunens webbplats eller ta en sidas plats.
notice-file-name = filnamnet `{$name}` för anslaget är inte ett giltigt kortnamn; det blir anslagets adress
notice-file-name-help = Byt namn på filen till `{$suggestion}.md`: bara a–z, 0–9 och `-` är tillåtna.
confidential-attachment = filen `{$file}` är en sekretessbelagd paragrafs fil ({$other}), eller en kopia av den, och skulle publiceras här
confidential-attachment-help = Inget av en sekretessbelagd paragraf publiceras, under något namn eller någon sökväg. Publicera en version utan de sekretessbelagda delarna som en egen fil, eller ta bort hänvisningen här.
reserved-file-name = filnamnet `{$file}` i sammanträdesmappen är upptaget: där lägger anslag protokollet som PDF
reserved-file-name-help = Byt namn på filen, t.ex. `protokoll-undertecknat.pdf`, och rätta länkar till den. anslag skapar själv `protokoll.pdf` av protokollet.
link-target-missing = länken `{$url}` pekar på en fil som inte finns i sammanträdesmappen
link-target-missing-help = Sökvägar i länkar räknas från sammanträdesmappen, precis som ett dokuments `file:` (t.ex. `bilagor/plan.pdf`). Lägg filen där eller rätta länken; som den är leder den ingenstans.
posted-late = anslaget sätts upp {$posted}, efter gränsen {$limit} (justerat {$adjusted} + { $days ->
    [one] 1 dag
   *[other] {$days} dagar
}, flyttat förbi helger)
posted-late-help = Justeringen ska tillkännages på anslagstavlan { $days ->
    [0] samma dag som justeringen
    [one] inom 1 dag
   *[other] inom {$days} dagar
} (kommunallagen 8 kap. 12 §, `post_within_days` i site.yaml). Kontrollera `posted`; stämmer datumet behöver inget rättas.
number-gap = § {$previous} följs av § {$number} i det här sammanträdet
number-gap-help = { $count ->
    [one] Paragraf {$missing} saknas.
   *[other] Paragraferna {$missing} saknas.
} Kontrollera att ingen fil saknas eller har fel nummer.
number-sequence = sammanträdet börjar på § {$number}, men organets numrering under {$year} leder till § {$expected}
number-sequence-help = { $previous ->
    [none] Årets första sammanträde för ett organ börjar på § 1.
   *[other] Förra sammanträdet ({$previous}) slutade på § {$last}; det här bör börja på § {$expected}.
}
storage-missing = det justerade protokollet anger inte var det förvaras
storage-missing-help = Lägg till `storage: …` (t.ex. `storage: Kommunledningskontoret`) i _meeting.md, i organets _body.yaml eller som `notice_board.storage` i site.yaml: anslaget ska ange var protokollet förvaras (kommunallagen 8 kap. 12 §).
ignored-file = `{$file}` används inte: { $why ->
    [linked-folder] länkar till mappar följs inte
   *[outside-meeting] filer utanför sammanträdes- och anslagsmappar publiceras inte
}
ignored-file-help = { $why ->
    [linked-folder] Kopiera mappens filer till sammanträdesmappen i stället för att länka till dem.
   *[outside-meeting] Flytta den till en sammanträdesmapp om en paragraf hänvisar till den, eller ta bort den.
}


## Kommandoraden

help-label = hjälp

cli-about = Publicerar en kommuns sammanträdesprotokoll och dess digitala anslagstavla.
cli-usage-heading = Användning
cli-options-heading = Flaggor
cli-commands-heading = Kommandon
cli-check-about = Läser och kontrollerar innehållet utan att skriva något; visar varje problem.
cli-content = Innehållsmappen [standard: content]
cli-today = Byggets datum, ÅÅÅÅ-MM-DD [standard: dagens lokala datum]
cli-lang = Språk för meddelanden: sv eller en [standard: från LC_ALL, LC_MESSAGES, LANG]
cli-message-format = Hur problem skrivs ut: human (för människor) eller json
cli-color = När färg används: auto, always eller never
cli-help = Visa hjälp
cli-version = Visa version
cli-exit-codes = Slutkoder: 0 klart (varningar tillåtna), 1 fel i innehållet, 2 felaktig användning, 3 in-/utmatningsfel eller internt fel.
cli-usage-error = Kommandoraden är inte rätt (se `anslag --help`):
cli-usage = anslag [FLAGGOR] <KOMMANDO>
cli-check-usage = anslag check [FLAGGOR]
cli-content-value = MAPP
cli-today-value = ÅÅÅÅ-MM-DD
cli-lang-value = SPRÅK
cli-message-format-value = FORMAT
cli-color-value = NÄR
cli-error-unknown-argument = fel: okänt argument `{$arg}`
cli-error-invalid-value = fel: `{$value}` är inte ett giltigt värde för {$arg}; möjliga värden: {$valid}
cli-error-unknown-command = fel: okänt kommando `{$command}`
cli-error-missing-command = fel: ange ett kommando, t.ex. `anslag check`
cli-see-help = Mer i `anslag --help`.
cli-build-about = Kontrollerar innehållet och skriver webbplatsen; inget skrivs om något är fel.
cli-build-usage = anslag build [FLAGGOR]
cli-output = Utmatningsmappen, som byts ut i sin helhet när bygget lyckas [standard: output]
cli-output-value = MAPP
cli-base-url = Webbplatsens adress, i stället för `base_url` i site.yaml
cli-base-url-value = URL
cli-no-pdf = Utelämna protokollen som PDF och länkarna till dem (ett snabbare bygge under arbetet, eller där protokollen publiceras som PDF på annat sätt)
built = Byggde { $pages ->
    [one] 1 sida
   *[other] {$pages} sidor
} och kopierade { $attachments ->
    [0] inga bilagor
    [one] 1 bilaga
   *[other] {$attachments} bilagor
} till {$path}.
up-to-date = {$path} är redan aktuell: inget som bygget läser har ändrats sedan förra bygget.
error-theme = Temat kan inte visa webbplatsen: {$reason}
error-output-not-ours = {$path} är inte tom och har inte skrivits av anslag, så den ersätts inte. Välj en ny eller tom mapp med --output (en mapp som anslag har skrivit innehåller filen .anslag-output).
error-output-busy = Ett annat bygge skriver bredvid {$path} just nu; försök igen när det är klart.
error-build = Webbplatsen kunde inte skrivas; den tidigare utmatningen är orörd: {$reason}
error-output-in-content = Utmatningsmappen {$path} ligger i innehållsmappen; där skriver anslag aldrig. Välj en annan --output.
cli-serve-about = Visar webbplatsen på den här datorn medan du redigerar, byggs om vid varje sparning; skriver ingenting.
cli-serve-usage = anslag serve [FLAGGOR]
cli-bind = Adressen att lyssna på [standard: 127.0.0.1, bara den här datorn]
cli-bind-value = IP
cli-port = Porten [standard: 1111; 0 väljer en ledig]
cli-port-value = PORT
cli-poll = Upptäck ändringar genom att fråga regelbundet (för nätverksenheter och WSL)
serving = Visar webbplatsen på {$url} (Ctrl-C avslutar).
error-serve = Förhandsvisningen kunde inte köras: {$reason}
cli-bad-today = `{$value}` är inte ett datum ÅÅÅÅ-MM-DD för --today
error-content-dir = kan inte läsa innehållsmappen {$path}: {$reason}
summary = { $errors ->
    [0] inga fel
    [one] 1 fel
   *[other] {$errors} fel
}, { $warnings ->
    [0] inga varningar
    [one] 1 varning
   *[other] {$warnings} varningar
}; { $bodies ->
    [one] 1 organ
   *[other] {$bodies} organ
}, { $meetings ->
    [one] 1 sammanträde
   *[other] {$meetings} sammanträden
}, { $paragraphs ->
    [one] 1 paragraf
   *[other] {$paragraphs} paragrafer
}

cli-export-about = Skriver ett arkivpaket (E-ARK SIP 2.1, FGS Paketstruktur 2.0) per justerat sammanträde; inget skrivs om innehållet har fel.
cli-export-usage = anslag export [FLAGGOR]
cli-out = Mappen som paketen (<OBJID>.zip) skrivs till; ett paket med samma namn ersätts [standard: export]
cli-out-value = MAPP
cli-meeting = Bara detta sammanträde, som ORGAN/MAPP, t.ex. socialnamnden/2026-11-18 (kan anges flera gånger) [standard: alla justerade sammanträden]
cli-meeting-value = ORGAN/MAPP
cli-include-confidential = Lägg även med källfiler och bilagor för sekretessbelagda paragrafer i paketen, som de är skrivna (för ett arkiv som bevarar hela handlingen)
exported = { $count ->
    [one] Skrev 1 paket till {$path}.
   *[other] Skrev {$count} paket till {$path}.
}
error-export = Paketen kunde inte skrivas: {$reason}
error-export-unknown-meeting = Det finns inget sammanträde {$meeting}. Ange --meeting som ORGAN/MAPP, organets mapp och sammanträdets mapp i innehållsmappen, t.ex. socialnamnden/2026-11-18.
error-export-not-adjusted = Sammanträdet {$meeting} är inte justerat på exportens datum, så det finns inget protokoll att arkivera än. Ange `adjusted:` i dess _meeting.md, eller välj ett senare --today.
error-export-out-in-content = Mappen {$path} ligger i innehållsmappen; anslag skriver aldrig där. Välj en annan --out.
adjusted-after-protocol = paragrafen är justerad ({$adjusted}) efter protokollet ({$protocol})
adjusted-after-protocol-help = En paragraf som justeras omedelbart justeras på sammanträdet eller senast när resten av protokollet justeras; sätt paragrafens `adjusted` till {$protocol} eller tidigare, eller ta bort raden om paragrafen justerades med protokollet.
unknown-meeting = det finns inget sammanträde `{$meeting}`{ $suggestion ->
    [none] {""}
   *[other] , menade du `{$suggestion}`?
}
unknown-meeting-help = Skriv `meeting: <organ>/<sammanträdesmapp>`, t.ex. `meeting: kommunfullmaktige/2026-12-14`, med mappnamnen under content/.
unknown-proposal-body = det finns inget organ med kortnamnet `{$slug}`{ $suggestion ->
    [none] {""}
   *[other] , menade du `{$suggestion}`?
}
unknown-proposal-body-help = `proposal_to` är mappnamnet för organet som förslaget går till ({$known}), eller organets namn i fritext om det inte finns under content/ (t.ex. `Region Värmland`).
announced-late = kungörelsen sätts upp {$posted}, mindre än en vecka före fullmäktiges sammanträde {$date}
announced-late-help = Fullmäktiges sammanträden ska kungöras på anslagstavlan minst en vecka före sammanträdesdagen (kommunallagen 5 kap. 56 §), senast {$latest}. Annars kan besluten på sammanträdet upphävas efter överklagande. Kontrollera `posted`; stämmer datumet bör sammanträdet flyttas eller kungöras på nytt.
adjusted-late = protokollet justeras {$adjusted}, mer än { $days ->
    [one] 1 dag
   *[other] {$days} dagar
} efter sammanträdet {$date}
adjusted-late-help = Protokollet ska justeras senast fjorton dagar efter sammanträdet (kommunallagen 6 kap. 35 §). Kontrollera `adjusted`; stämmer datumet behöver inget rättas.
posted-before-published = anslaget ”{$notice}” anger att det sattes upp {$posted}, men det publicerades första gången {$published}
posted-before-published-help = Ändra till `posted: {$published}`: överklagandetiden räknas från den dag anslaget verkligen kom upp på anslagstavlan (publiceringsbeviset, data/anslagsbevis.json, visar dagen).
published-paragraph-gone = § {$number} i {$meeting} publicerades {$published}, men filen ({$file}) finns inte längre
published-paragraph-gone-help = Något som har publicerats får inte försvinna i tysthet. Lägg tillbaka filen och avpublicera paragrafen med `withdrawn: {"{"}date: ÅÅÅÅ-MM-DD, reason: …{"}"}`; då visas bara nummer, rubrik och skälet.
changed-without-correction = {$what} har ändrats efter att den publicerades ({$published}), utan en ny rättelse
changed-without-correction-help = Ändringen syns på webbplatsen och förs in i publiceringsbeviset. Beskriv den med en ny post under `corrections:` (`- date: ÅÅÅÅ-MM-DD` och `text: …`) så att läsaren ser vad som rättats.
error-record = Publiceringsbeviset kunde inte läsas eller skrivas: {$reason}
cli-journal = Publiceringsbeviset (anslagsbevis) som kommunen sparar: läses, och skrivs tillbaka av en byggning med dagens riktiga datum
cli-journal-value = FIL
control-character = ett osynligt styrtecken ({$code}) står i text som publiceras
control-character-help = Ta bort det osynliga tecknet (det kommer ofta med när text klistras in från ett ordbehandlingsprogram). Det gör flöden till ogiltig XML och syns som ingenting eller en ruta.
error-output-not-a-folder = {$path} är inte en mapp (en fil eller en länk): anslag skriver webbplatsen bara i en mapp och flyttar eller ersätter aldrig något annat. Ange en annan `--output`.
not-regular-file = `{$file}` är ingen vanlig fil (en namngiven rörledning, en socket eller en enhet) och läses inte
not-regular-file-help = Ta bort den ur innehållsmappen; där hör bara vanliga filer och mappar hemma.
# serve hardening
preview-badge = förhandsvisning, version
overlay-errors = anslag: fel – den senaste felfria versionen visas
overlay-errors-no-site = anslag: fel – webbplatsen kan inte visas förrän de är rättade
preview-no-site-title = Webbplatsen kan inte visas än
preview-no-site-intro = Innehållet har fel; de står nedan med fil, rad och kolumn. Rätta dem och spara, så laddas sidan om av sig själv.
overlay-warnings = anslag: varningar
overlay-left-out = (visas inte)
overlay-confidential-note = Visas inte här: hjälptexten och källraderna i en sekretessbelagd paragraf. Terminalen där anslag serve körs visar dem.
preview-search-stale = Förhandsvisning: sökindexet byggs om efter den senaste ändringen. Tills det är klart kan träffarna gälla en tidigare version (ladda om sidan om en stund).
serve-bad-request = Felaktig begäran: det här är ingen adress på webbplatsen.
serve-misdirected = Förhandsvisningen svarar bara på localhost, 127.0.0.1, [::1] och adressen som angetts med --bind. Öppna den på någon av de adresserna.
line-break-in-field = `{$field}` ska stå på en rad men har en radbrytning
line-break-in-field-help = Skriv texten på en rad efter `{$field}:` (utan `|` eller `>`); ett namn eller en rubrik visas på en rad överallt, också i protokollets PDF.
field-too-long = `{$field}` är {$length} tecken lång; högst {$max} tecken går
field-too-long-help = Korta texten. Längre text hör hemma i paragrafens ärendebeskrivning (texten efter `---`).
base-url-not-absolute = `base_url` ({$value}) är inte en fullständig adress{ $problem ->
    [host] : den har inget giltigt värdnamn
    [ascii] : värdnamnet har bokstäver som å, ä eller ö
   *[scheme] {""}
}
base-url-not-absolute-help = { $problem ->
    [ascii] Skriv värdnamnet i dess `xn--`-form (som domänregistratorn anger den, t.ex. `https://www.xn--exempelby-e3a.se/`): flöden och kalendrar namnger webbplatsen med det.
   *[other] Skriv hela adressen med `https://`, t.ex. `base_url: https://www.exempelby.se/protokoll/`; flöden, kalendrar, webbplatskartan och länkar i PDF:en behöver den.
}
file-name-not-utf8 = namnet `{$file}` är inte UTF-8 och kan inte läsas säkert
file-name-not-utf8-help = Byt namn på filen eller mappen (den kommer troligen från ett äldre system); två sådana namn kan annars bli samma namn när de läses.
cli-bad-base-url = `--base-url {$value}` är inte en fullständig adress{ $problem ->
    [ascii] : skriv värdnamnet i `xn--`-form
   *[other] ; skriv den med `https://`, t.ex. `https://www.exempelby.se/protokoll/`
}.

# export names
error-export-unsafe-entry = anslag gjorde filnamnet {$name} i ett paket, och det är inte säkert att packa upp; paketet skrevs inte. Det är ett fel i anslag: rapportera det gärna.
identity-number-in-attachment = bilagan `{$file}` har ett personnummer { $where ->
    [file-name] i filnamnet
    [page] { $count ->
        [one] på sidan {$places}
       *[other] på sidorna {$places}
    }
    [part] { $count ->
        [one] i dokumentdel {$places}
       *[other] i dokumentdelarna {$places}
    }
   *[text] i texten
}
identity-number-in-attachment-help = Bilagor publiceras precis som de är. Maskera numret i dokumentet (t.ex. 19121212-XXXX) och spara om det, eller byt namn på filen; personnummer och samordningsnummer publiceras aldrig.
attachment-not-scanned = bilagan `{$file}` kunde inte läsas som text och har inte kontrollerats för personnummer ({$why})
attachment-not-scanned-help = Kontrollera själv att bilagan inte innehåller personnummer, eller publicera den som sökbar PDF (inte en inskannad bild) så kontrollerar anslag den.

# markdown depth
markdown-too-deep = { $kind ->
    [html] HTML-element är nästlade i fler än {$limit} nivåer här
   *[blocks] citat och listor är nästlade i fler än {$limit} nivåer här
}
markdown-too-deep-help = { $kind ->
    [html] Stäng HTML-elementen (`</span>`) eller ta bort dem: högst {$limit} får vara öppna inuti varandra i ett stycke eller ett HTML-block.
   *[blocks] Nästla högst {$limit} nivåer av `>` och listor (räknade tillsammans); skriv djupare nivåer som vanliga stycken.
} Text som är nästlad djupare kan inte visas eller bli en del av protokollets PDF på ett säkert sätt.

# themes
theme-missing = det finns inget tema `{$name}`{ $suggestion ->
    [none] {""}
   *[other] , menade du `{$suggestion}`?
}
theme-missing-help = Ett tema är en mapp `themes/{$name}/` bredvid innehållsmappen (med `templates/` eller `static/style.css`). Skapa den, rätta namnet (teman där: {$known}) eller ta bort raden så används standardtemat.
theme-template-broken = mallen `{$template}` i temat `{$theme}` går inte att använda: {$reason}
theme-template-broken-help = Rätta mallen på raden och kolumnen som anges (Tera-mallar, se docs/theme.md) eller ta bort filen ur `themes/{$theme}/templates/`, så används standardtemats mall i stället.

## anslag init, anslag help, --quiet och förloppet

cli-arguments-heading = Argument
cli-init-about = Skriver en innehållsmapp att börja från: site.yaml med förklaringar, ett organ, ett justerat sammanträde med två paragrafer och ett anslag. Skriver bara i en ny eller tom mapp.
cli-init-usage = anslag init [FLAGGOR] [MAPP]
cli-dir = Mappen som skrivs; den får inte finnas eller ska vara tom [standard: --content, alltså content]
cli-dir-value = MAPP
cli-municipality = Kommunens namn i site.yaml [standard: Exempelby kommun]
cli-municipality-value = NAMN
cli-help-about = Visar hjälpen för ett kommando.
cli-help-usage = anslag help [KOMMANDO]
cli-command = Kommandot vars hjälp visas [standard: anslag själv]
cli-command-value = KOMMANDO
cli-quiet = Skriv inte ut sammanfattningsraderna (problem och fel skrivs ändå ut)
cli-see-command-help = Mer i `anslag {$command} --help`.
init-done = Skrev en ny innehållsmapp i {$path}: site.yaml, organet kommunstyrelsen med ett justerat sammanträde ({$meeting}) med två paragrafer, och ett anslag. Byt ut uppgifterna som är märkta ÄNDRA i site.yaml, kontrollera sedan med `{$check}` och bygg webbplatsen med `{$build}`.
init-not-empty = {$path} finns redan och är inte tom. anslag init skriver bara i en ny eller tom mapp och ändrar aldrig något som finns; ingenting skrevs. Ange en annan mapp, t.ex. `anslag init ny-mapp`.
init-not-a-folder = {$path} finns redan och är ingen mapp; ingenting skrevs. Ange en ny eller tom mapp.
init-bad-municipality = `--municipality` kan inte användas som kommunens namn: { $why ->
    [empty] namnet är tomt
    [too-long] namnet är längre än {$max} tecken
    [control] namnet har en radbrytning eller ett osynligt styrtecken
   *[identity-number] namnet innehåller ett personnummer
}. Ingenting skrevs.
init-failed = Innehållsmappen kunde inte skrivas, och det som hann skrivas är borttaget: {$reason}
progress-checking = Läser och kontrollerar innehållet
progress-building = Skriver webbplatsen
progress-exporting = Skriver arkivpaketen

# grafisk profil
brand-file-missing = filen `{$file}` som `{$field}` anger finns inte i innehållsmappens mapp `{$dir}/`
brand-file-missing-help = Lägg filen i `content/{$dir}/` och skriv sökvägen från innehållsmappen, t.ex. `{$field}: {$dir}/logo.svg`. Bara filer där publiceras som webbplatsens egna.
brand-file-type = `{$file}` kan inte vara webbplatsens {$field} ({ $how ->
    [content] innehållet är inte det som namnet säger
   *[name] filtypen är inte någon av {$allowed}
})
brand-file-type-help = Tillåtet: {$allowed}, med innehåll som stämmer med namnet (en PNG som är en PNG). Spara filen i ett av formaten och ge den ett sådant namn.
logo-svg-unsafe = SVG-logotypen `{$file}` innehåller {$what}, som skulle kunna köra skript eller hämta något utifrån på kommunens webbplats
logo-svg-unsafe-help = En logotyp får bara rita: former, text, övertoningar och stilar, med länkar bara inom filen (`#id`). Exportera logotypen på nytt som enkel SVG (utan skript och utan inbäddade eller länkade bilder och typsnitt) eller som PNG.
logo-alt-missing = logotypen `{$file}` saknar alternativtext
logo-alt-missing-help = Lägg till `logo_alt:` under `branding:` med vad logotypen föreställer, t.ex. `logo_alt: Exempelby kommuns vapen`. Skärmläsare läser upp den (WCAG 2.1, 1.1.1).
accent-format = accentfärgen `{$value}` är inte skriven som `#rrggbb`{ $why ->
    [comment] : utan citattecken läser YAML `#` som början på en kommentar
   *[format] {""}
}
accent-format-help = Skriv sex hexadecimala siffror efter `#`, inom citattecken: `accent: "#0b5394"`.
accent-contrast = accentfärgen `{$value}` har kontrasten {$ratio_comma}:1 mot {$background} ({$variable}), lägre än 4,5:1
accent-contrast-help = Standardtemat färgar länkar med accentfärgen, på sidan och i dess grå och gula rutor; text behöver minst 4,5:1 (WCAG 2.1, 1.4.3). Välj en mörkare nyans av färgen, t.ex. ur kommunens grafiska profil.

# organisationsnummer
org-number = `{$value}` är inte ett organisationsnummer ({ $problem ->
    [group] tredje siffran är lägre än 2, som i ett personnummer
    [check] sista siffran, kontrollsiffran, stämmer inte
   *[format] det skrivs NNNNNN-NNNN
})
org-number-help = Skriv kommunens organisationsnummer som Bolagsverket anger det, t.ex. `212000-1884`. Det visas i sidfoten och anger arkivbildaren i exporten.

# export: PREMIS-händelser (på webbplatsens språk)
premis-creation = Paketet {$objid} är skapat ur det justerade protokollet av {$software}.
premis-redaction = § {$number} ({$title}) omfattas av sekretess enligt {$ground}: de publicerade sidorna (rep-html) visar bara paragrafens nummer, offentliga rubrik och lagrum; { $withheld ->
    [yes] dess källfil och bilagor finns inte i paketet (rep-source).
   *[no] dess källfil och bilagor finns i rep-source som de skrevs (--include-confidential).
}
premis-publication = {$title} ({$notice}): först publicerat på kommunens webbplats {$first}.
premis-publication-taken-over = {$title} ({$notice}): uppsatt {$posted} enligt innehållet; fört in i publiceringsjournalen i efterhand {$first} (övertaget, inte kontrollerat).
premis-modification = {$title}: {$what} { $kind ->
    [correction] rättat (med en rättelse)
    [withdrawn] avpublicerat
    [added] tillagt
    [removed] borttaget
   *[changed] ändrat utan rättelse
}{ $value ->
    [none] {""}
   *[other] {" "}till {$value}
}{ $sha ->
    [none] {""}
   *[other] {" "}(SHA-256 {$sha})
}, sett av dagens bygge.
