namespace ImapClient.Tests.Protocol;

/// <summary>
/// The bytes real servers sent in the public reports SourcedQuirkTests cites, escaped for C# (byte for byte the same
/// once encoded as UTF-8). Where a report gives only part of a response, the rest is filled in minimally and the
/// summary says so.
/// </summary>
internal static class SourcedQuirkResponses
{
    /// <summary>ruby/net-imap#597: Exchange Online completes AUTHENTICATE with text whose '[' opens no response code.</summary>
    public const string ExchangeErrorTextInBrackets =
        "RUBY0001 OK [Error=\"Microsoft.Exchange.Data.Storage.WrongServerException:Cross Server access is not allowed for mailbox xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\" AuthResultFromPopImapEnd=0 Proxy=XXXXXXXXXXXXX.EURXXXX.PROD.OUTLOOK.COM:1993:SSL MailboxBE=XXXXXXXXXXXXX.EURXXXX.PROD.OUTLOOK.COM Service=Imap4] AUTHENTICATE completed.\r\n";

    /// <summary>ruby/net-imap#241 (test/net/imap/fixtures/response_parser/quirky_behaviors.yml): Gmail keywords with ']' and spaces, unquoted.</summary>
    public const string GmailBracketedKeywordFlags =
        "* FLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen $Forwarded $Junk $MailFlagBit0 $MailFlagBit2 $NotJunk $NotPhishing $Phishing Forwarded JunkRecorded NotJunk OIB-Seen-INBOX OIB-Seen-Unsubscribe OIB-Seen-[Google Mail]/Alle Nachrichten)\r\n";

    /// <summary>ruby/net-imap#229 (fixed by #230) and emersion/go-imap#502: iCloud's BYE has no text and no space (reconstructed from the description).</summary>
    public const string ICloudByeWithoutText =
        "* BYE\r\n";

    /// <summary>mscdex/node-imap#537 (PR #539): ppops.net completes a UID COPY of a missing UID with a bare tagged OK.</summary>
    public const string PpopsTaggedOkWithoutText =
        "A6 OK\r\n";

    /// <summary>modern-email/defects#7: public-inbox-imapd's AUTHENTICATE challenge is "+" and CRLF (from its source, lib/PublicInbox/IMAP.pm).</summary>
    public const string PublicInboxBareContinuation =
        "+\r\n";

    /// <summary>jstedfast/MailKit ReleaseNotes.md, MailKit 1.18.0: home.pl sends an untagged COPYUID code without OK (reconstructed: the note gives the shape, not the numbers).</summary>
    public const string HomePlCodeWithoutStatus =
        "* [COPYUID 1500000000 31 6]\r\n";

    /// <summary>ikvk/imap_tools#97: Yahoo ends SEARCH results with a space.</summary>
    public const string YahooSearchTrailingSpace =
        "* SEARCH 7456 \r\n";

    /// <summary>emersion/go-imap#571: a CAPABILITY line that ends with a space (server not named in the report).</summary>
    public const string CapabilityTrailingSpace =
        "* CAPABILITY IMAP4 IMAP4rev1 XLIST MOVE IDLE XAPPLEPUSHSERVICE NAMESPACE CHILDREN ID UIDPLUS \r\n";

    /// <summary>jstedfast/MailKit#150: SmarterMail 13.0 answers SELECT with UIDVALIDITY 0 and a PERMANENTFLAGS code without text (tag G00000005 replaced by {0}).</summary>
    public const string SmarterMailSelectWithUidValidityZero =
        "* 0 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 0] UIDs valid\r\n* OK [UIDNEXT 1] Predicted next UID\r\n* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)]\r\n{0} OK [READ-WRITE] SELECT completed\r\n";

    /// <summary>jstedfast/MailKit#428: Courier-IMAP (2004) answers UID STORE 16334 -FLAGS (\Flagged) with sequence number 0 (tag replaced by {0}).</summary>
    public const string CourierFetchSequenceZero =
        "* 0 FETCH (UID 16334 FLAGS ())\r\n{0} OK STORE completed.\r\n";

    /// <summary>jstedfast/MailKit#557: a server (greeting "Hello there.") lists [Gmail] as an atom; grammatical, since ']' is an ASTRING-CHAR.</summary>
    public const string UnquotedBracketedMailboxName =
        "* LIST (\\Subscribed \\HasChildren) \".\" [Gmail]\r\n";

    /// <summary>jstedfast/MailKit#945: Exchange lists a mailbox name with TABs, unquoted.</summary>
    public const string ExchangeTabsInMailboxName =
        "* LIST (\\HasNoChildren) \"/\" INBOX/Da\tOggetto\tRicevuto\tDimensione\tCategorie\t\r\n";

    /// <summary>jstedfast/MailKit#823: a multipart/appledouble sent as a basic part of -1 octets (the log is cut inside a trailing BODY[HEADER.FIELDS …] item, left out here; message 5 renumbered 12).</summary>
    public const string NegativeBodyPartOctets =
        "* 12 FETCH (UID 581 FLAGS (\\Seen) RFC822.SIZE 35149 ENVELOPE (\"Mon, 5 Dec 2016 12:13:08 +0100\" \"No subject\" ((\"....\" NIL \"....\" \"....\")) NIL NIL ((\"...\" NIL \".....\" \"...\")) NIL NIL NIL \"<....>\") BODYSTRUCTURE (((\"text\" \"plain\" (\"charset\" \"US-ASCII\") NIL NIL \"7bit\" 6 3 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"US-ASCII\") NIL NIL \"quoted-printable\" 314 5 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"B_8345248387_336787\") NIL NIL)(\"multipart\" \"appledouble\" (\"boundary\" \"B_8145297380_164091\") NIL NIL \"7BIT\" -1 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"B_7193419875_891207\") NIL NIL))\r\n";

    /// <summary>jstedfast/MailKit UnitTests/Net/Imap/ImapUtilsTests.cs, TestParseBodyStructureWithNilNilBodyFldDsp ("an Exchange bug"): a disposition of (NIL NIL); wrapped in a FETCH.</summary>
    public const string ExchangeNilDispositionType =
        "* 12 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"iso-8859-1\") NIL \"Mail message body\" \"quoted-printable\" 2201 34 NIL NIL NIL NIL)(\"application\" \"msword\" NIL NIL NIL \"base64\" 50446 NIL (NIL NIL) NIL NIL)(\"application\" \"msword\" NIL NIL NIL \"base64\" 45544 NIL (\"attachment\" (\"filename\" \"PREIS ANSPRUCHS FORMULAR.doc\")) NIL NIL) \"mixed\" (\"boundary\" \"===============1176586998==\") NIL NIL))\r\n";

    /// <summary>djc/imap-proto#205 (same defect from maddy: modern-email/defects#41): iCloud sends NIL for the encoding of a part without Content-Transfer-Encoding (the report elides the rest; reconstructed minimally).</summary>
    public const string ICloudNilBodyEncoding =
        "* 12 FETCH (UID 111 BODYSTRUCTURE ((\"text\" \"plain\" (\"CHARSET\" \"UTF-8\") NIL NIL NIL 1694 51 NIL NIL NIL NIL)(\"text\" \"html\" (\"CHARSET\" \"UTF-8\") NIL NIL \"quoted-printable\" 5750 77 NIL NIL NIL NIL) \"alternative\"))\r\n";

    /// <summary>emersion/go-imap#545: a go-imap v1 server sends () for an empty parameter list and NIL for an empty encoding (message 11319 renumbered 12).</summary>
    public const string EmptyBodyParameterList =
        "* 12 FETCH (UID 31137 BODYSTRUCTURE (\"text\" \"plain\" () NIL NIL NIL 6002 79 NIL NIL NIL NIL) ENVELOPE (\"Sun, 10 Sep 2023 02:00:00 +0000\" \"acme-update\" ((NIL NIL \"notify\" \"ptrc.gay\")) ((NIL NIL \"notify\" \"ptrc.gay\")) ((NIL NIL \"notify\" \"ptrc.gay\")) ((NIL NIL \"ptrc\" \"ptrc.gay\")) NIL NIL NIL NIL) FLAGS (\\Seen nonjunk \\Recent))\r\n";

    /// <summary>jstedfast/MailKit#371 (bytes of its regression test, ImapUtilsTests.cs TestParseBadlyFormedBodyStructureWithMissingMediaType, which adds the encoding and size the report's part lacked): a part with only its subtype; wrapped in a FETCH.</summary>
    public const string MissingMediaType =
        "* 12 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"windows-1251\") NIL NIL \"base64\" 356 5)( \"X-ZIP\" (\"BOUNDARY\" \"\") NIL NIL \"base64\" 4096) \"MIXED\" (\"BOUNDARY\" \"--cd49a2f5ed4ed0cbb6f9f1c7f125541f\") NIL NIL))\r\n";

    /// <summary>jstedfast/MailKit#59 (pull request): Gmail sends an attached message/rfc822 with no envelope, body or line count, its MD5 and disposition right after the size; wrapped in a FETCH.</summary>
    public const string GmailMessagePartAsBasicPart =
        "* 12 FETCH (BODYSTRUCTURE (((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"koi8-r\") NIL NIL \"QUOTED-PRINTABLE\" 4452 113 NIL NIL NIL)(\"TEXT\" \"HTML\" (\"CHARSET\" \"koi8-r\") NIL NIL \"QUOTED-PRINTABLE\" 10350 240 NIL NIL NIL) \"ALTERNATIVE\" (\"BOUNDARY\" \"----=_NextPart_001_0539_01CAA4EE.0103D300\") NIL NIL)(\"MESSAGE\" \"RFC822\" (\"NAME\" \"=?KOI8-R?B?0NLF1MXO2snRIC0g9/TiMjQuZW1s?=\") NIL NIL \"7BIT\" 23379 NIL (\"ATTACHMENT\" (\"FILENAME\" \"=?KOI8-R?B?0NLF1MXO2snRIC0g9/TiMjQuZW1s?=\")) NIL) \"MIXED\" (\"BOUNDARY\" \"----=_NextPart_000_0538_01CAA4EE.0103D300\") NIL NIL))\r\n";

    /// <summary>jstedfast/MailKit#1393: the body of an attached message is (NIL "alternative" …), a multipart with NIL for its children; wrapped in a FETCH.</summary>
    public const string NilFirstChildlessMultipart =
        "* 12 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 727 16 NIL NIL NIL NIL)(\"message\" \"delivery-status\" (\"name\" \"Delivery status\") NIL NIL \"7bit\" 416 NIL NIL NIL NIL)(\"message\" \"rfc822\" (\"name\" \"Message headers\") NIL NIL \"7bit\" 903 (\"Mon, 17 Nov 2014 13:29:21 +0100\" \"Re: Adresy\" ((\"username\" NIL \"e.username\" \"example.com\")) ((\"username\" NIL \"e.username\" \"example.com\")) ((\"username\" NIL \"e.username\" \"example.com\")) ((\"=?utf-8?Q?Justyna?=\" NIL \"salesde\" \"some-company.eu\")) ((NIL NIL \"saleseu\" \"some-company.eu\")(\"Bogdan\" NIL \"bogdan\" \"some-company.eu\")) NIL \"<004901d00260$35405970$9fc10c50$@some-company.eu>\" \"<D6173425-9D71-4D78-8C3C-1CEB03BCB4D0@example.com>\") (NIL \"alternative\" (\"boundary\" \"Apple-Mail=_352FCEEC-EB15-428F-9D8B-D3B4259DD646\") NIL NIL NIL) 17 NIL NIL NIL NIL) \"report\" (\"report-type\" \"delivery-status\" \"boundary\" \"_e0d7475d888f9882b71de053e5efb221_idea\") NIL NIL NIL))\r\n";

    /// <summary>jstedfast/MailKit#226: mail.ru sends "" for a media type, NIL for its subtype and () for its parameters (the report's line breaks and indentation removed; message 1 renumbered 12).</summary>
    public const string MailRuEmptyMediaType =
        "* 12 FETCH (UID 894 INTERNALDATE \"15-May-2015 20:40:02 +0000\" ENVELOPE (\"Fri, 15 May 2015 21:39:57\" \"=?utf-8?B?0L/RgNC40LLQtdGC?=\" ((\"=?utf-8?B?FNoMTQ==?=\" NIL \"from_addr\" \"mail.ua\")) NIL NIL ((NIL NIL \"to_addr\" \"mail.ru\")) NIL NIL NIL \"<9351372141.9870933@mail.ru>\") BODYSTRUCTURE ((\"\" NIL () NIL NIL \"7-bit\" 1108 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"7-bit\" 1 0 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"base64\" 476 0 NIL NIL NIL NIL) \"related\" (\"boundary\" NIL)))\r\n";

    /// <summary>apple/swift-nio-imap#735: a one-digit day with neither a padding space nor a 0 (reconstructed around the date the report quotes).</summary>
    public const string UnpaddedInternalDateDay =
        "* 12 FETCH (UID 1 INTERNALDATE \"8-Mar-2023 12:16:47 +0800\")\r\n";

    /// <summary>jstedfast/MailKit#1236: Domino 10.0.1 sends an INTERNALDATE of all zeros (reconstructed around the date the report quotes).</summary>
    public const string DominoZeroInternalDate =
        "* 12 FETCH (UID 1 INTERNALDATE \"00-Jan-0000 00:00:00 +0000\")\r\n";

    /// <summary>kisli/vmime#317: online.no puts a raw UTF-8 subject in a quoted string (the trace shows its bytes read as Latin-1, "FÃ¥" for "Få"; the UTF-8 bytes are sent here; message 5882 renumbered 12).</summary>
    public const string RawUtf8QuotedSubject =
        "* 12 FETCH (FLAGS (\\Seen) BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"QUOTED-PRINTABLE\" 2 1 NIL NIL NIL NIL)(\"TEXT\" \"HTML\" (\"CHARSET\" \"utf-8\") NIL NIL \"QUOTED-PRINTABLE\" 1257 12 NIL NIL NIL NIL) \"ALTERNATIVE\" (\"BOUNDARY\" \"926efdef616cb7fe51973e212034c88e81d8901797de33e08d6042c450c3d27c\") NIL NIL NIL) UID 24371 ENVELOPE (\"Mon, 02 Dec 2024 11:11:51 +0000\" \"Kun For Deg! Få Et GRATIS Bil Nødssett Fra NAF!\" ((\"=?UTF-8?Q?Eksklusiv=20NAF?=\" NIL \"marketing\" \"mail.iex.nl\")) ((\"=?UTF-8?Q?Eksklusiv=20NAF?=\" NIL \"marketing\" \"mail.iex.nl\")) ((\"=?UTF-8?Q?Eksklusiv=20NAF?=\" NIL \"marketing\" \"mail.iex.nl\")) ((NIL NIL \"xxxxxxx\" \"online.no\")) NIL NIL NIL \"<202412021111.4B2BBp0G115507@mail119c60.megamailservers.eu>\"))\r\n";

    /// <summary>emersion/go-imap#659: a Content-Description of two quotes sent as """" (server not named; the log ends in a BODY[] literal of 69100 bytes, left out here; message 150 renumbered 12).</summary>
    public const string UnescapedQuotesInDescription =
        "* 12 FETCH (UID 1733220355 INTERNALDATE \"10-Dec-2024 15:11:12 +0800\" FLAGS (\\Seen) ENVELOPE (\"Tue, 10 Dec 2024 10:49:37 +0800\" \"=?UTF-8?B?MjE1NDk3MzU1MCAtIE9PQ0wgQm9va2luZyBBY2tub3dsZWRnZW1lbnQgKCBTWlUgKQ==?=\" ((NIL NIL \"PLEASE-No-Reply-IRIS-4\" \"XXXX.COM\")) ((NIL NIL \"edith.test\" \"oocl.com\")) NIL ((NIL NIL \"OP-XXXX\" \"YYYY.COM\")) NIL NIL NIL \"<20241210104938.537cd90c@smtp.qiye.163.com>\") BODY ((\"text\" \"html\" (\"charset\" \"UTF-8\") NIL NIL \"quoted-printable\" 1224 16)(\"application\" \"octet-stream\" (\"name\" \"2154973550.pdf\") NIL \"\"\"\" \"base64\" 65322) \"MIXED\"))\r\n";

    /// <summary>jstedfast/MailKit#723: GreenMail 1.5.7 sends a UIDVALIDITY beyond 32 bits, its clock in milliseconds (the report quotes the number; the line around it is reconstructed).</summary>
    public const string GreenMailUidValidityBeyond32Bits =
        "* OK [UIDVALIDITY 1528896777421] UIDs valid\r\n";

    /// <summary>
    /// mjs/imapclient#162 (reported from Nylas; same defect in jstedfast/MailKit ReleaseNotes.md, MailKit 1.22.0): an
    /// extra CRLF between a body literal and the ")" that closes the FETCH (reconstructed from the report's example;
    /// message 9 renumbered 12).
    /// </summary>
    public const string ExtraLineAfterLiteral =
        "* 12 FETCH (UID 17 BODY[] {28}\r\nTHIS PART IS THE MIME BODY\r\n\r\n)\r\n";
}
