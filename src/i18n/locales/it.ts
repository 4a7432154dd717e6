import type { Catalog } from '../catalog.ts';

// Italiano, con il "tu" informale di Slack. Le chiavi sono quelle di en.ts; le forme plurali che mancano (la "many"
// dell'italiano, da un milione in su) usano la forma _other.
export const it: Catalog = {
  // Shared pieces
  'language.name': 'Italiano',
  'date.fallback': '{{date}}',
  'list.andMore_one': 'e {{count, number}} altro',
  'list.andMore_other': 'e altri {{count, number}}',
  'counts.none': 'Ancora nessuno. Inizi tu?',
  'counts.line': '{{optedIn}}, {{shared}}',
  'counts.in_one': '{{count, number}} ci sta',
  'counts.in_other': '{{count, number}} ci stanno',
  'counts.shared_one': '{{count, number}} ha condiviso',
  'counts.shared_other': '{{count, number}} hanno condiviso',
  clicks_one: '{{count, number}} clic',
  clicks_other: '{{count, number}} clic',
  'button.optIn': 'Ci sto',
  'button.shared': "L'ho condiviso",
  'button.addPostLink': 'Aggiungi il link al mio post',
  'button.withdraw': 'Mi ritiro',
  'button.close': 'Chiudi',
  'button.sendThanks': 'Ringrazia',
  'button.report': 'Resoconto',
  'button.shareOn': 'Condividi su {{network}}',
  'button.remindMe': 'Ricordamelo prima della scadenza',
  'button.tryAgain': 'Riprova',
  'button.cancelRequest': 'Annulla la richiesta',
  'status.open': 'Aperta fino al {{date}}',
  'status.endedAtDeadline': 'Conclusa alla scadenza, {{date}}',
  'status.closed': 'Chiusa',
  'status.closedOn': 'Chiusa il {{date}}',

  // The request's message in its channel
  'request.untitled': 'Una richiesta di boost',
  'request.asks': '{{requester}} chiede un boost:',
  'request.where': '*Dove:* {{networks}}',
  'request.anywhere': 'ovunque',
  'request.until': '*Fino al:* {{date}}',
  'request.withNames': 'con {{names}}',
  'request.withNamesAndOthers': 'con {{names}} e altri',
  'request.closeConfirm.title': 'Chiudere questa richiesta?',
  'request.closeConfirm.text': 'Il messaggio conserva i numeri finali e perde i pulsanti.',
  'request.closeConfirm.confirm': 'Chiudila',
  'request.closeConfirm.deny': 'Lasciala aperta',
  'request.optional': 'Aiutare è facoltativo. Solo chi ha chiesto vede chi ha aiutato, per poterlo ringraziare.',
  'request.fallback.open': 'Richiesta di boost da {{requester}}: {{title}} ({{counts}})',
  'request.fallback.closed': 'Richiesta di boost chiusa da {{requester}}: {{title}} ({{counts}})',
  'list.andMoreDot_one': 'e {{count, number}} altro.',
  'list.andMoreDot_other': 'e altri {{count, number}}.',
  'names.andMore_one': '{{names}} e {{count, number}} altra persona',
  'names.andMore_other': '{{names}} e altre {{count, number}} persone',

  // One person's requests and contributions (App Home, /boost mine)
  'overview.inChannel': '{{title}} in {{channel}}',
  'helpers.post': 'post',
  'helpers.shared': ':white_check_mark: *Hanno condiviso:* {{names}}',
  'helpers.in': ':raised_hands: *Ci stanno:* {{names}}',
  'helpers.allThanked': ':sparkles: Hai ringraziato tutti quelli che hanno condiviso.',
  'helpers.thankedSoFar_one': ':sparkles: {{count, number}} ringraziato, {{left, number}} ancora da ringraziare.',
  'helpers.thankedSoFar_other': ':sparkles: {{count, number}} ringraziati, {{left, number}} ancora da ringraziare.',
  'contribution.yourPost': 'il tuo post',
  'contribution.shared': ':white_check_mark: Lo hai condiviso il {{date}}{{post}}',
  'contribution.in': ':raised_hands: Ci stai dal {{date}}',
  'contribution.thanked': ':sparkles: {{requester}} ti ha ringraziato',
  'contribution.clicks': ':link: {{clicks}} sul tuo link',
  'settings.summary.digest': '*Riepilogo settimanale:* {{value}}',
  'settings.summary.digest.auto': 'quando ci sono novità sulle tue richieste o su quelle in cui hai aiutato',
  'settings.summary.digest.weekly': 'ogni lunedì, con qualche richiesta aperta',
  'settings.summary.digest.off': 'disattivato',
  'settings.summary.showName': '*Il tuo nome sui messaggi pubblici delle richieste:* {{value}}',
  'settings.summary.showName.on': 'visibile su quelle a cui partecipi',
  'settings.summary.showName.off': 'nascosto (vieni contato, non nominato)',
  'settings.summary.reminders': '*Proposta di promemoria dopo che aderisci:* {{value}}',
  'settings.summary.on': 'attiva',
  'settings.summary.off': 'disattivata',
  'settings.summary.language': '*Lingua:* {{value}}',

  // App Home
  'home.header': ':rocket: Boost',
  'home.welcome':
    "*Benvenuto in Boost!* Qui i colleghi si aiutano a vicenda a dare visibilità alle cose: un lancio, un articolo, un talk, una domanda difficile, un'offerta di lavoro.\n• *Chiedi:* premi *Nuova richiesta* (o scrivi `/boost`) con un link e il tipo di aiuto che ti serve.\n• *Aiuta, se ti va:* premi *Ci sto* su una richiesta. Ricevi link che aprono con un clic l'editor di ogni social, con un testo che puoi riscrivere come vuoi. Boost non pubblica mai al posto tuo.\n• *Ringrazia:* quando qualcuno condivide la tua richiesta, vedi chi ti ha aiutato e puoi ringraziarlo con un clic.\nAiutare è sempre facoltativo: nessuno viene a sapere chi non ha partecipato, e puoi ritirarti quando vuoi.",
  'home.tagline': 'Chiedi un boost ai colleghi, aiutali con i loro se ti va, e ringrazia chi ti ha dato una mano.',
  'home.newRequest': 'Nuova richiesta',
  'home.settings': 'Impostazioni',
  'home.yourSettings': 'Le tue impostazioni',
  'home.changeSettings': 'Cambia impostazioni',
  'home.openRequests': 'Richieste aperte',
  'home.noOpenRequests': 'Nessuna richiesta aperta al momento. Creane una con *Nuova richiesta* o `{{command}}`.',
  'home.figuresUntil': '{{counts}} · fino al {{date}}',
  'home.yourRequest': '_la tua richiesta_',
  'home.youreIn': ':white_check_mark: ci stai',
  'home.yourRequests': 'Le tue richieste',
  'home.onlyYouSeeHelpers': 'Solo tu vedi chi ha aiutato con le tue richieste.',
  'home.yourContributions': 'I tuoi contributi',
  'home.shareButtonsNote':
    "I pulsanti di condivisione aprono l'editor di ogni social con un testo suggerito da fare tuo. Solo tu vedi questo elenco.",

  // Notes at the top of the App Home
  'notice.optedIn':
    ':raised_hands: Ci stai per {{title}}. I tuoi link di condivisione sono qui sotto, in *I tuoi contributi*. Condividi quando e come vuoi, con parole tue.',
  'notice.shared': ':white_check_mark: Condivisione registrata: {{title}}. Grazie!',
  'notice.withdrawn': 'Ti sei ritirato da {{title}}. Nessuno viene avvisato e non ne resta traccia.',
  'notice.settingsSaved': ':white_check_mark: Impostazioni salvate.',

  // /boost mine
  'mine.empty':
    'Non hai ancora richieste né contributi. Chiedi un boost con `{{command}}`, oppure guarda dove puoi dare una mano con `{{command}} list`.',
  'mine.footer': 'Lo vedi solo tu. La Home di Boost mostra le stesse cose, con link di condivisione e pulsanti.',
  'mine.yourRequests_one': '*Le tue richieste* ({{count, number}})',
  'mine.yourRequests_other': '*Le tue richieste* ({{count, number}})',
  'mine.yourContributions_one': '*I tuoi contributi* ({{count, number}})',
  'mine.yourContributions_other': '*I tuoi contributi* ({{count, number}})',
  'mine.requests_one': '{{count, number}} richiesta',
  'mine.requests_other': '{{count, number}} richieste',
  'mine.contributions_one': '{{count, number}} contributo',
  'mine.contributions_other': '{{count, number}} contributi',
  'mine.and': ' e ',
  'mine.fallback': 'Il tuo Boost: {{parts}}',

  // /boost help
  'help.unknown': 'Non conosco `{{word}}`. Ecco cosa posso fare:',
  'help.text':
    "*Boost* ti aiuta a chiedere ai colleghi di condividere qualcosa, e permette a chi vuole aiutare di farlo sapere. Nessuno riceve mai pressioni.\n• `{{command}}` o `{{command}} &lt;link&gt; [cosa ti serve]`: chiedi un boost (apre un modulo).\n• `{{command}} list`: le richieste aperte in cui puoi dare una mano.\n• `{{command}} mine`: le tue richieste e i tuoi contributi.\n• `{{command}} report &lt;numero&gt;`: un resoconto privato su una tua richiesta: adesioni, condivisioni, clic, chi ringraziare.\n• `{{command}} settings`: riepilogo settimanale, nome visibile, promemoria, lingua.\n• `{{command}} export`: tutto ciò che Boost conserva su di te, in JSON, solo per te.\n• `{{command}} forget-me`: cancella tutto ciò che Boost conserva su di te (prima ti chiede conferma).\n• `{{command}} stats`: i numeri settimanali del workspace, per gli admin di Boost.\n• `{{command}} help`: questo messaggio.\nSu una richiesta: *Ci sto* ti dà i link di condivisione e un testo da modificare, *L'ho condiviso* registra la tua condivisione, *Mi ritiro* ti toglie senza avvisare nessuno.",
  'help.fallback': 'Come si usa Boost',
  'help.fallback.unknown': "Comando di Boost sconosciuto; ecco l'aiuto.",

  // /boost list
  'list.none': 'Nessuna richiesta aperta al momento. Creane una con `{{command}}`.',
  'list.heading_one': '*Richieste aperte* ({{count, number}})',
  'list.heading_other': '*Richieste aperte* ({{count, number}})',
  'list.more_one': 'e {{count, number}} altra richiesta aperta, nel suo canale.',
  'list.more_other': 'e altre {{count, number}} richieste aperte, ognuna nel suo canale.',
  'list.fallback_one': '{{count, number}} richiesta di boost aperta',
  'list.fallback_other': '{{count, number}} richieste di boost aperte',

  // The private reply after "I'm in"
  'optIn.statusShared': ':white_check_mark: Hai condiviso *{{title}}*. Grazie!',
  'optIn.statusIn': ':raised_hands: Ci stai per *{{title}}*. Condividilo quando e come vuoi, con parole tue.',
  'optIn.startingPoint': '*Un punto di partenza, da modificare come vuoi:*\n```{{post}}```',
  'optIn.linkUntil': 'Link: {{link}} · Fino al {{date}}',
  'optIn.reminderSet': ':alarm_clock: Riceverai un solo promemoria, il giorno prima della scadenza.',
  'optIn.onlyYou': 'Lo vedi solo tu. Boost non pubblica mai al posto tuo.',
  'optIn.fallback': 'Ci stai per {{title}}',
  'optIn.personalLink': '*Il tuo link personale:* `{{url}}`{{figure}}',
  'optIn.personalLink.soFar': ' · *{{clicks}}* finora',
  'optIn.personalLink.how': 'Porta alla stessa pagina e conta i clic per giorno, mai chi ha cliccato.',
  'optIn.personalLink.inButtons': 'I pulsanti di condivisione qui sopra lo usano già.',
  'withdrawn.fallback': 'Ti sei ritirato da {{title}}',
  'withdrawn.text': 'Ti sei ritirato da {{title}}. Nessuno viene avvisato e non ne resta traccia.',

  // The one reminder
  'reminder.text':
    ':alarm_clock: Mi avevi chiesto di ricordartelo: {{title}} scade {{date}}. Condividilo se ti va ancora, con parole tue.',
  'reminder.dateFormat': '{date_short_pretty} alle {time}',
  'reminder.only': "È l'unico promemoria che riceverai per questa richiesta. Aiutare resta facoltativo.",
  'reminder.fallback': 'Promemoria: {{title}} sta per scadere',

  // Thanks
  'thanks.fallback': '{{requester}} ti ringrazia per aver condiviso {{title}}',
  'thanks.text': ':sparkles: {{requester}} ti dice *grazie* per aver condiviso {{title}}. Ha fatto la differenza.',
  'thanks.why': 'Ricevi questo messaggio perché hai segnato la richiesta come condivisa in Boost.',
  'thanks.sent_one': ':sparkles: Hai ringraziato {{count, number}} persona per aver condiviso {{title}}.',
  'thanks.sent_other': ':sparkles: Hai ringraziato {{count, number}} persone per aver condiviso {{title}}.',
  'thanks.allDone': 'Hai già ringraziato tutti quelli che hanno condiviso {{title}}.',
  'thanks.nobodyShared':
    'Nessuno ha ancora segnato {{title}} come condiviso, quindi per ora non c’è nessuno da ringraziare.',
  'thanks.unreachable_one': '{{count, number}} messaggio non è stato consegnato (forse l’account è disattivato).',
  'thanks.unreachable_other':
    '{{count, number}} messaggi non sono stati consegnati (forse gli account sono disattivati).',
  'thanks.uncertain_one':
    '{{count, number}} messaggio potrebbe non essere arrivato; per evitare doppioni non viene rimandato.',
  'thanks.uncertain_other':
    '{{count, number}} messaggi potrebbero non essere arrivati; per evitare doppioni non vengono rimandati.',
  'thanks.retryable_one': '{{count, number}} messaggio non è partito; premi di nuovo *Ringrazia* tra un po’.',
  'thanks.retryable_other': '{{count, number}} messaggi non sono partiti; premi di nuovo *Ringrazia* tra un po’.',

  // The weekly digest
  'digest.header': 'La tua settimana con Boost',
  'digest.stop': 'Non inviarmeli più',
  'digest.why':
    'Lo ricevi perché hai chiesto un boost, ne hai aiutato uno o ti sei iscritto. Puoi cambiarlo con `{{command}} settings`.',
  'digest.yourRequests': '*Le tue richieste*',
  'digest.moreRequests_one': 'e {{count, number}} altra tua richiesta; `{{command}} mine` le elenca tutte.',
  'digest.moreRequests_other': 'e altre {{count, number}} tue richieste; `{{command}} mine` le elenca tutte.',
  'digest.sharedNote': '(condiviso)',
  'digest.onYourLink': '{{clicks}} sul tuo link finora',
  'digest.helped': '*Hai aiutato con*',
  'digest.thanks': ':sparkles: *Ringraziamenti ricevuti* per',
  'digest.open': '*Richieste aperte che potrebbero interessarti*',
  'digest.moreOpen_one': 'e {{count, number}} altra; `{{command}} list` mostra tutte le richieste aperte.',
  'digest.moreOpen_other': 'e altre {{count, number}}; `{{command}} list` mostra tutte le richieste aperte.',
  'digest.helperShared': 'ha condiviso',
  'digest.soFar': '{{clicks}} finora',
  'digest.helpers': 'Ti hanno aiutato: {{names}}',
  'digest.stopped':
    'Fatto: niente più riepiloghi di Boost. Per riceverli di nuovo, riattivali con `{{command}} settings`.',
  'digest.summary': 'La tua settimana con Boost: {{parts}}',
  'digest.summary.requests_one': '{{count, number}} tua richiesta',
  'digest.summary.requests_other': '{{count, number}} tue richieste',
  'digest.summary.helped_one': 'hai aiutato con {{count, number}}',
  'digest.summary.helped_other': 'hai aiutato con {{count, number}}',
  'digest.summary.thanks_one': '{{count, number}} ringraziamento',
  'digest.summary.thanks_other': '{{count, number}} ringraziamenti',
  'digest.summary.open_one': '{{count, number}} richiesta aperta',
  'digest.summary.open_other': '{{count, number}} richieste aperte',
  'digest.until': 'fino al {{date}}',
  'digest.ended': 'conclusa alla scadenza',
  'digest.closed': 'chiusa',

  // Forms
  'modal.save': 'Salva',
  'modal.cancel': 'Annulla',
  'modal.ok': 'OK',
  'modal.done': 'Fatto',
  'modal.close': 'Chiudi',

  // The settings form
  'settings.title': 'Impostazioni di Boost',
  'settings.digest': 'Riepilogo settimanale',
  'settings.digest.auto': 'Quando ci sono novità per me',
  'settings.digest.autoHint': 'Sulle mie richieste o su quelle in cui ho aiutato',
  'settings.digest.weekly': 'Ogni lunedì',
  'settings.digest.weeklyHint': 'Con anche qualche richiesta aperta',
  'settings.digest.off': 'Disattivato',
  'settings.showName': 'Mostra il mio nome sui messaggi pubblici delle richieste',
  'settings.showName.off': 'No, contami senza nome',
  'settings.showName.on': 'Sì, mostra il mio nome',
  'settings.showName.onHint': 'Sulle richieste a cui partecipo, da ora in poi',
  'settings.showName.hint':
    'Chi ha chiesto vede sempre chi ha aiutato, per poterti ringraziare. Tutti gli altri vedono solo i numeri.',
  'settings.reminders': 'Proponimi «Ricordamelo prima della scadenza» quando aderisco',
  'settings.reminders.on': 'Sì',
  'settings.reminders.onHint': 'Un promemoria il giorno prima, solo se lo chiedo',
  'settings.reminders.off': 'No',
  'settings.language': 'Lingua',
  'settings.language.slack': 'La lingua di Slack',
  'settings.language.slackHint': 'Quella che hai scelto in Slack',
  'settings.footer':
    'Boost ti scrive solo su ciò che hai chiesto o a cui hai partecipato. Ogni riepilogo finisce con «Non inviarmeli più», a un clic.',

  // The form after "I shared it"
  'shared.title': 'Condiviso, grazie!',
  'shared.skip': 'Salta',
  'shared.text':
    ':tada: Condivisione registrata: {{title}}.\nVuoi aggiungere dove l’hai pubblicato? È facoltativo, e lo vede solo chi ha chiesto.',
  'shared.link': 'Link al tuo post',
  'shared.where': 'Dove',
  'shared.chooseNetwork': 'Scegli un social',

  // The new-request form
  'newRequest.title.modal': 'Chiedi un boost',
  'newRequest.submit': 'Pubblica',
  'newRequest.link': 'Link',
  'newRequest.linkHint': 'La pagina da condividere: un post, una domanda, un lancio, un’offerta di lavoro.',
  'newRequest.title': 'Titolo',
  'newRequest.titlePlaceholder': 'Poche parole, da usare come titolo',
  'newRequest.ask': 'Che aiuto ti serve?',
  'newRequest.askPlaceholder':
    'Es. condividilo con la tua rete se lo trovi utile, oppure rispondi se conosci l’argomento.',
  'newRequest.suggestedText': 'Testo suggerito',
  'newRequest.suggestedTextPlaceholder':
    'Un punto di partenza che ognuno può modificare. Boost non pubblica mai per nessuno.',
  'newRequest.suggestedTextHint':
    'Chi aiuta lo vede insieme alla dichiarazione che lavora qui, e lo riscrive sempre con parole sue.',
  'newRequest.networks': 'Dove si potrebbe condividere?',
  'newRequest.deadline': 'Scadenza',
  'newRequest.pickDate': 'Scegli una data',
  'newRequest.channel': 'Pubblica in',
  'newRequest.chooseChannel': 'Scegli un canale',
  'newRequest.channelHint': 'Boost deve essere nel canale: prima scrivi lì /invite @Boost.',
  'newRequest.footer':
    'Aiutare è sempre facoltativo. Chi vuole aderisce, condivide con parole sue e può ritirarsi quando vuole.',

  // /boost stats
  'stats.week': 'Settimana',
  'stats.total': 'Totale',
  'stats.requests': 'Richieste',
  'stats.helpers': 'Persone',
  'stats.optIns': 'Adesioni',
  'stats.shares': 'Condivisioni',
  'stats.fallback_one':
    'Boost in questo workspace, ultima {{count, number}} settimana: {{requests}} richieste, {{optIns}} adesioni, {{shares}} condivisioni',
  'stats.fallback_other':
    'Boost in questo workspace, ultime {{count, number}} settimane: {{requests}} richieste, {{optIns}} adesioni, {{shares}} condivisioni',
  'stats.heading_one': '*Boost in questo workspace, ultima {{count, number}} settimana*',
  'stats.heading_other': '*Boost in questo workspace, ultime {{count, number}} settimane*',
  'stats.footer':
    'Settimane ISO in UTC. Persone: chi ha aderito o condiviso in quella settimana (contato una volta per settimana, una volta nel totale). Solo numeri: qui Boost non classifica né nomina nessuno.',
  'stats.notAdmin':
    'I numeri del workspace sono per gli admin di Boost (elencati in BOOST_ADMINS, oppure admin e proprietari del workspace Slack). Le tue richieste e i tuoi contributi sono in `{{command}} mine`.',

  // Forget-me and export
  'privacy.plan.requests_one':
    '{{count, number}} richiesta che hai fatto{{open}}{{helpers}}. Il suo messaggio nel canale dirà solo che è stata rimossa.',
  'privacy.plan.requests_other':
    '{{count, number}} richieste che hai fatto{{open}}{{helpers}}. I loro messaggi nei canali diranno solo che sono state rimosse.',
  'privacy.plan.stillOpen_one': ' ({{count, number}} ancora aperta)',
  'privacy.plan.stillOpen_other': ' ({{count, number}} ancora aperte)',
  'privacy.plan.withHelpers_one': ', con {{count, number}} adesione di colleghi',
  'privacy.plan.withHelpers_other': ', con {{count, number}} adesioni di colleghi',
  'privacy.plan.participations_one':
    '{{count, number}} volta in cui hai aderito a una richiesta{{shares}}. I suoi numeri scendono di uno.',
  'privacy.plan.participations_other':
    '{{count, number}} volte in cui hai aderito a una richiesta{{shares}}. I loro numeri scendono di uno.',
  'privacy.plan.withShares_one': ', compresa {{count, number}} condivisione con i link ai tuoi post',
  'privacy.plan.withShares_other': ', comprese {{count, number}} condivisioni con i link ai tuoi post',
  'privacy.plan.trackedLinks_one': '{{count, number}} link personale tracciato, con i suoi conteggi di clic.',
  'privacy.plan.trackedLinks_other': '{{count, number}} link personali tracciati, con i loro conteggi di clic.',
  'privacy.plan.settings': 'Le tue impostazioni (riepilogo, nome visibile, promemoria, lingua).',
  'privacy.plan.profile': 'Quello che Boost ha salvato dal tuo profilo Slack (fuso orario, lingua, ruolo di admin).',
  'privacy.plan.digests_one': 'La traccia di {{count, number}} riepilogo settimanale che ti è stato inviato.',
  'privacy.plan.digests_other': 'La traccia di {{count, number}} riepiloghi settimanali che ti sono stati inviati.',
  'privacy.plan.installer': 'Il tuo nome come persona che ha installato Boost qui (Boost resta installato).',
  'privacy.removed.requests_one':
    '{{count, number}} richiesta{{helpers}}; il suo messaggio ora dice che è stata rimossa',
  'privacy.removed.requests_other':
    '{{count, number}} richieste{{helpers}}; i loro messaggi ora dicono che sono state rimosse',
  'privacy.removed.withHelpers_one': ' e {{count, number}} adesione di colleghi',
  'privacy.removed.withHelpers_other': ' e {{count, number}} adesioni di colleghi',
  'privacy.removed.participations_one': '{{count, number}} adesione a richieste',
  'privacy.removed.participations_other': '{{count, number}} adesioni a richieste',
  'privacy.removed.trackedLinks_one': '{{count, number}} link tracciato con i suoi conteggi di clic',
  'privacy.removed.trackedLinks_other': '{{count, number}} link tracciati con i loro conteggi di clic',
  'privacy.removed.settings': 'le tue impostazioni',
  'privacy.removed.profile': 'il tuo profilo Slack salvato',
  'privacy.removed.digests_one': '{{count, number}} traccia di riepilogo',
  'privacy.removed.digests_other': '{{count, number}} tracce di riepiloghi',
  'privacy.removed.closedBy_one': 'il tuo nome come persona che ha chiuso la richiesta di qualcun altro',
  'privacy.removed.closedBy_other': 'il tuo nome come persona che ha chiuso {{count, number}} richieste di altri',
  'privacy.removed.installer': 'il tuo nome come persona che ha installato Boost (Boost resta installato)',
  'forget.nothingHeld': 'Boost non conserva nulla su di te in questo workspace, quindi non c’è niente da cancellare.',
  'forget.confirm.fallback': 'Cancellare tutto ciò che Boost conserva su di te?',
  'forget.confirm.heading':
    '*Cancellare tutto ciò che Boost conserva su di te in questo workspace?*\nNon si può annullare. Ecco cosa sparisce:',
  'forget.confirm.footer':
    'I messaggi che Boost ti ha già inviato restano nel tuo Slack, secondo la conservazione del tuo workspace; Boost non ne tiene copia. Per avere prima una copia dei tuoi dati, usa `{{command}} export`.',
  'forget.delete': 'Cancella i miei dati',
  'forget.keep': 'Tieni i miei dati',
  'forget.nothingMore': 'Boost non conservava nient’altro su di te, quindi non è stato cancellato altro.',
  'forget.done.fallback': 'Boost ha cancellato ciò che conservava su di te.',
  'forget.done.heading': ':wastebasket: *Fatto. Boost ha cancellato ciò che conservava su di te:*',
  'forget.done.footer': 'Se userai di nuovo Boost, ripartirà da zero.',
  'forget.kept': 'Non è stato cancellato niente.',
  'removed.header': ':wastebasket: Richiesta rimossa',
  'removed.text': 'Questa richiesta di boost è stata rimossa e Boost non conserva più nulla che la riguardi.',
  'export.part': ' (parte {{part, number}} di {{total, number}})',
  'export.intro':
    '*I tuoi dati di Boost*{{label}}, in JSON. Li vedi solo tu. Se arrivano in più blocchi, copiali nell’ordine.',
  'export.title': 'I tuoi dati di Boost{{label}}',

  // Refusals
  'refusal.notFound': 'Quella richiesta non esiste più.',
  'refusal.notOpen': 'Quella richiesta è chiusa, quindi non accetta più aiuti. Grazie di averci pensato!',
  'refusal.notAllowed': 'Può farlo solo chi ha chiesto (o un admin di Boost).',
  'refusal.duplicate': 'Già fatto.',
  'refusal.tooLateToRemind': 'Manca meno di un giorno alla scadenza, quindi non c’è più niente da ricordarti.',
  'refusal.tooManyOpen_one':
    'Hai già {{count, number}} richiesta aperta, il massimo consentito, così i canali restano tranquilli. Chiudila, o aspetta che arrivi alla scadenza, per chiedere qualcosa di nuovo.',
  'refusal.tooManyOpen_other':
    'Hai già {{count, number}} richieste aperte, il massimo consentito, così i canali restano tranquilli. Chiudine una, o aspetta che una arrivi alla scadenza, per chiedere qualcosa di nuovo.',
  'formNotOpened.auth':
    'Non sono riuscito ad aprire il modulo: Slack ha rifiutato l’accesso a Boost (`{{code}}`). Non è stato salvato nulla. Avvisa chi gestisce Boost nel tuo workspace.',
  'formNotOpened.transient':
    'Slack ha avuto un problema ad aprire il modulo (`{{code}}`). Riprova il comando tra un momento.',
  'formNotOpened.expired': 'Slack non mi ha lasciato aprire il modulo in tempo. Riprova il comando.',

  // A request not in its channel yet
  'unposted.posting': 'La sto pubblicando in {{channel}} proprio ora.',
  'unposted.cause.ratelimited': 'Slack ha chiesto a Boost di rallentare per un momento.',
  'unposted.cause.auth': 'Slack ha rifiutato l’accesso a Boost ({{code}}); avvisa chi gestisce Boost.',
  'unposted.cause.problem': 'Slack ha avuto un problema ({{code}}).',
  'unposted.willRetry':
    'Riproverò da solo e la pubblicherò in {{channel}} appena Slack me lo permette. Fino ad allora nessun altro la vede.',
  'unposted.unconfirmed.timeout': 'Slack non ha confermato in tempo la pubblicazione in {{channel}}.',
  'unposted.unconfirmed.noAnswer': 'Slack non ha mai confermato la pubblicazione in {{channel}}.',
  'unposted.unconfirmed.problem':
    'Slack ha avuto un problema ({{code}}) e non ha confermato la pubblicazione in {{channel}}.',
  'unposted.unconfirmed.advice': 'Se la vedi lì, non devi fare nulla. Se non la vedi, premi *Riprova*.',
  'unposted.notInChannel':
    'Non faccio parte di {{channel}}. Scrivi `/invite @Boost` in quel canale, poi premi *Riprova*.',
  'unposted.channelNotFound':
    'Non riesco a vedere {{channel}}. Se è privato, scrivi lì `/invite @Boost`, poi premi *Riprova*.',
  'unposted.archived': '{{channel}} è archiviato. Annulla questa richiesta e chiedi di nuovo in un altro canale.',
  'unposted.other': 'Slack ha risposto ({{code}}). Premi *Riprova* tra un momento.',
  'unposted.status': ':warning: _Non è ancora in {{channel}}, quindi nessun altro la vede._',
  'unposted.fallback': 'Non è stato possibile pubblicare la tua richiesta di boost in {{channel}}.',
  'unposted.saved': ':warning: La tua richiesta {{title}} è salvata, ma non sono riuscito a pubblicarla.',
  'unposted.postedLater': ':white_check_mark: La tua richiesta {{title}} ora è pubblicata in {{channel}}.',
  'unposted.alreadyPosted': 'Già pubblicata in {{channel}}.',
  'unposted.postedNow': ':white_check_mark: Pubblicata in {{channel}}.',
  'unposted.stillNot': 'Ancora niente da fare; guarda il mio messaggio più recente.',
  'unposted.closed': 'Richiesta chiusa.',
  'unposted.cancelledUnconfirmed':
    'Richiesta annullata. Se il suo messaggio è arrivato nel canale, non accetta più aiuti.',
  'unposted.cancelled': 'Richiesta annullata. Non è stato pubblicato nulla.',

  // A request's report
  'report.title': 'Resoconto di Boost',
  'report.header': 'Resoconto: {{title}}',
  'report.summary': '{{title}} in {{channel}}, chiesta il {{date}}, {{status}}',
  'report.open': 'aperta fino al {{date}}',
  'report.ended': 'conclusa alla scadenza, {{date}}',
  'report.closed': 'chiusa',
  'report.closedOn': 'chiusa il {{date}}',
  'report.figures.in_one': '*{{count, number}}* ci sta',
  'report.figures.in_other': '*{{count, number}}* ci stanno',
  'report.figures.shared_one': '*{{count, number}}* ha condiviso',
  'report.figures.shared_other': '*{{count, number}}* hanno condiviso',
  'report.helperShared': 'ha condiviso{{where}} il {{date}}',
  'report.helperIn': 'ci sta dal {{date}}',
  'report.helperThanked': ':sparkles: ringraziato',
  'report.clicks.off':
    '*Clic*\nIn questo workspace i link personali sono disattivati, quindi i clic non vengono contati (un admin può impostare `PUBLIC_BASE_URL`).',
  'report.clicks.none': '*Clic*\nAncora nessun clic sui link personali.',
  'report.clicks.earlier_one': 'Prima: {{count, number}}',
  'report.clicks.earlier_other': 'Prima: {{count, number}}',
  'report.clicks.byDay': '*Clic per giorno* (UTC), {{clicks}} in tutto',
  'report.footnote':
    'Questo resoconto lo vedi solo tu. Le persone sono elencate nell’ordine in cui hanno aderito. I clic si contano per link personale e per giorno; non si conserva nulla su chi ha cliccato, e le anteprime dei link non contano.',
  'report.nobodyYet':
    'Ancora nessuna adesione. Il resoconto si riempie man mano che i colleghi aderiscono e condividono.',
  'report.sharesByNetwork': '*Condivisioni per social*',
  'report.networkNotSaid': 'Non indicato',
  'report.noShares': 'Ancora nessuna condivisione segnata.',
  'report.helpers': '*Chi ha aiutato*',
  'report.toThank': '*Da ringraziare:*',
  'report.fallback': 'Resoconto: {{title}} ({{optedIn}} ci stanno, {{shared}} hanno condiviso)',
  'report.picker.none':
    'Non hai ancora richieste, quindi non c’è nessun resoconto da mostrare. Chiedi un boost con `{{command}}`.',
  'report.picker.heading':
    '*Quale richiesta?* I resoconti mostrano adesioni, condivisioni per social, clic per giorno e chi ringraziare.',
  'report.picker.tip': 'Suggerimento: `{{command}} report {{id}}` mostra subito un resoconto.',
  'report.picker.more_one': 'e {{count, number}} altra; `{{command}} report &lt;numero&gt;` mostra quella che vuoi.',
  'report.picker.more_other': 'e altre {{count, number}}; `{{command}} report &lt;numero&gt;` mostra quella che vuoi.',
  'report.picker.fallback': 'Di quale richiesta vuoi il resoconto?',
  'report.notAllowed':
    'Il resoconto di questo boost lo vede solo chi l’ha chiesto (e gli admin di Boost). Il messaggio nel canale ne mostra i totali.',
  'report.notFound': 'Non trovo quella richiesta. `{{command}} report` elenca le tue.',
  'report.notOpened': 'Slack non mi ha lasciato aprire il resoconto in tempo. Premi di nuovo Resoconto.',

  // Field errors in the new-request form and the form after "I shared it"
  'validation.voteRing':
    'Questo sito vieta i voti coordinati (vote ring). Chiedi di condividere, rispondere o commentare invece di votare.',
  'validation.url.missing': 'Aggiungi il link che vuoi far vedere.',
  'validation.title.invisible': 'Il titolo non ha caratteri visibili. Scrivi qualche parola, o lascialo vuoto.',
  'validation.ask.missing': 'Scrivi che aiuto ti serve, in una o due frasi chiare.',
  'validation.networks.none': 'Scegli almeno un social dove si potrebbe condividere.',
  'validation.url.notAddress': 'Non sembra un indirizzo web. Incolla il link completo, compreso https:// all’inizio.',
  'validation.url.notWeb': 'Si possono condividere solo link web (http:// o https://), non link {{protocol}}.',
  'validation.url.credentials':
    'Togli nome utente o password dal link (la parte prima della @), così si può condividere senza rischi.',
  'validation.url.internal':
    'Questo indirizzo è su una rete interna, che da fuori nessuno può aprire. Usa l’indirizzo pubblico della pagina.',
  'validation.url.noDomain': 'Usa l’indirizzo pubblico della pagina, con un dominio completo come example.com.',
  'validation.field.title': 'Il titolo',
  'validation.field.ask': 'La richiesta',
  'validation.field.suggestedText': 'Il testo suggerito',
  'validation.field.link': 'Il link',
  'validation.tooLong_one': '{{field}} può avere al massimo {{limit, number}} caratteri. Togline {{count, number}}.',
  'validation.tooLong_other': '{{field}} può avere al massimo {{limit, number}} caratteri. Togline {{count, number}}.',
  'validation.channel.missing': 'Scegli il canale dove far comparire la richiesta.',
  'validation.channel.notChannel':
    'Scegli un canale pubblico o privato. Le richieste non possono andare nei messaggi diretti.',
  'validation.deadline.invalid': 'Scegli la scadenza dal calendario, come data del tipo 2026-05-31.',
  'validation.deadline.past': 'La scadenza è nel passato. Scegli oggi o una data successiva.',
  'validation.deadline.tooFar': 'Scegli una scadenza entro un anno da oggi.',

  // Short private notes
  'note.notInAnyMore': 'Non partecipi più a questa richiesta.',
  'note.countedShared': 'Condivisione registrata. Grazie!',
  'note.onlyRequesterThanks': 'Solo chi ha chiesto può ringraziare per una richiesta.',
  'note.settingsNotOpened': 'Slack non mi ha lasciato aprire le impostazioni in tempo. Riprova il comando.',
  'note.databaseUnavailable':
    'Boost non riesce a raggiungere il suo database in questo momento, quindi non è stato fatto nulla. Riprova tra un momento.',
  'note.databaseUnavailableClick':
    'Boost non riesce a raggiungere il suo database in questo momento, quindi il tuo clic *non* è stato contato. Fai di nuovo clic tra un momento.',
  'note.databaseSlowClick':
    'Il database di Boost tarda a rispondere, quindi il tuo clic potrebbe non essere stato ancora salvato. Controlla tra un momento e, se non lo è, fai di nuovo clic: due clic non fanno mai nulla due volte.',
  'note.databaseUnavailableForm':
    'Boost non riesce a raggiungere il suo database in questo momento, quindi non è stato salvato nulla. Il modulo è come lo hai lasciato: invialo di nuovo tra un momento.',
  'note.somethingWentWrong': 'Qualcosa è andato storto dalla parte di Boost. Riprova tra un momento.',
  'note.notInUse': 'Questo non è più in uso in Boost. Prova `{{command}}` per vedere cosa puoi fare ora.',

  // The wording helpers start from: the disclosure that they work here (DISCLOSURE_TEXT, when set, replaces it)
  disclosure: '(Lavoro qui.)',

  // The pages of personal links (/r/…)
  'page.notFound.title': 'Link non trovato',
  'page.notFound.text': 'Questo link non esiste, o non esiste più.',
  'page.unavailable.title': 'Riprova',
  'page.unavailable.text': 'Al momento questo link non si può aprire. Riprova tra un momento.',

  // The install pages ("Add to Slack")
  'install.title': 'Aggiungi Boost a Slack',
  'install.intro':
    'Boost trasforma il «potete condividerlo tutti?» in una richiesta a cui si aderisce liberamente. I colleghi che vogliono aiutare cliccano «Ci sto», lo condividono sui propri account con parole loro e vengono ringraziati. Boost non scrive mai a chi non ha fatto qualcosa per primo, non nomina né conta mai chi non ha partecipato e non pubblica mai al posto di nessuno.',
  'install.scopes': 'Chiede a Slack questi permessi, e nessun altro:',
  'install.scope.commands': 'il comando {{command}} e le due scorciatoie che avviano una richiesta',
  'install.scope.chatWrite':
    'pubblicare e aggiornare le richieste nei canali in cui inviti Boost, rispondere in privato a chi ha cliccato e inviare i riepiloghi e i promemoria che le persone hanno chiesto',
  'install.scope.usersRead':
    'il fuso orario di ciascuno (i riepiloghi arrivano al mattino, ora locale), la sua lingua di Slack e se è un admin',
  'install.button': 'Aggiungi a Slack',
  'install.grid':
    'Un admin di un’organizzazione Enterprise Grid può installare Boost una volta sola per tutta l’organizzazione, con lo stesso pulsante.',
  'installed.title': 'Boost è installato',
  'installed.done': 'Boost ora è installato.',
  'installed.in': 'Boost ora è installato in {{workspace}}.',
  'installed.orgWide':
    'È installato per tutta la tua organizzazione: un admin lo attiva in ogni workspace che deve averlo.',
  'installed.next': 'Cosa fare adesso:',
  'installed.invite': 'Invita Boost in un canale dove le persone chiedono aiuto: {{invite}}.',
  'installed.ask': 'Scrivi lì {{command}} per chiedere il tuo primo boost, oppure {{help}} per vedere cosa fa.',
  'installed.close': 'Puoi chiudere questa pagina.',
  'installFailed.title': 'Boost non è stato installato',
  'installFailed.again': 'Ricomincia',
  'installFailed.cancelled':
    'Hai annullato l’installazione in Slack, quindi Boost non è stato installato. Non è stato salvato nulla.',
  'installFailed.expired':
    'Questo link di installazione è scaduto, è già stato usato o è stato aperto in un altro browser, quindi Boost non è stato installato. Non è stato salvato nulla.',
  'installFailed.refused':
    'Slack non ha confermato l’installazione (l’approvazione potrebbe essere scaduta o già usata), quindi Boost non è stato installato. Non è stato salvato nulla.',
  'installFailed.failed':
    'Qualcosa è andato storto durante l’installazione, quindi Boost non è stato installato. Non è stato salvato nulla.',
};
