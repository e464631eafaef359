namespace ImapClient.Tests.Protocol;

/// <summary>
/// The exact <c>response</c> strings of the shared quirks catalogue (quirks.json), named after the quirk id. Escaped for C#; byte for byte the same once encoded as UTF-8.
/// </summary>
internal static class QuirkResponses
{
    /// <summary>domino-extra-parens-around-envelope: Lotus Domino IMAP4 Server 10.0.1FP3.</summary>
    public const string DominoExtraParensAroundEnvelope =
        "* 12 FETCH (UID 14945 (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)) BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 0 0 NIL))\r\n";

    /// <summary>domino-rfc822-empty-body-and-double-spaces: Lotus Domino IMAP4 Server.</summary>
    public const string DominoRfc822EmptyBodyAndDoubleSpaces =
        "* 12 FETCH (UID 23064 ENVELOPE (\"6 Nov 2019 09:12:02 +0100\" \"DELIVERY FAILURE: 550 #5.1.0 Address rejected.\" ((NIL NIL \"postmaster\" \"pmta.censored.co.at\")) ((NIL NIL \"postmaster\" \"pmta.censored.co.at\")) ((NIL NIL \"postmaster\" \"pmta.censored.co.at\")) ((NIL NIL \"support\" \"censored.rocks\")) NIL NIL NIL \"<OF0E3BFDBA.E44C42DB-ONC12584AA.002D0EF8@censored.com>\") BODYSTRUCTURE ((\"text\" \"plain\"  (\"charset\" \"UTF-8\") NIL NIL \"base64\" 232 4 NIL NIL NIL)(\"message\" \"delivery-status\"  NIL NIL NIL \"7BIT\" 421 NIL NIL NIL)(\"message\" \"rfc822\"  NIL NIL NIL \"7BIT\" 787 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) () 0 NIL NIL NIL) \"report\" (\"report-type\" \"delivery-status\" \"boundary\" \"==IFJRGLKFGIR60132UHRUHIHD\") NIL NIL) FLAGS (\\Seen))\r\n";

    /// <summary>outlook-extra-space-between-addresses: Outlook.com / Microsoft 365 (Exchange Online).</summary>
    public const string OutlookExtraSpaceBetweenAddresses =
        "* 12 FETCH (UID 60 INTERNALDATE \"24-May-2021 11:47:51 +0200\" RFC822.SIZE 49051 ENVELOPE (\"Mon, 24 May 20 21 09:47:50 +0000\" \"Zoooom Zoom\" ((\"Augustina Gleason\" NIL \"augustina\" \"oberbrunner.test\")) NIL NIL ((\"risa@harvey-lemke.test\" NIL \"risa\" \"harvey-lemke.test\") (\"shella@kilback-renner.test\" NIL \"shella\" \"kilback-renner.test\") (\"jana.kiehn@bradtke-considine.example\" NIL \"jana.kiehn\" \"bradtke-considine.example\") (\"frank@hartmann.test\" NIL \"frank\" \"hartmann.test\") (\"numbers.ryan@satterfield.test\" NIL \"numbers.ryan\" \"satterfield.test\") (\"keneth_feeney@will-walter.test\" NIL \"keneth_feeney\" \"will-walter.test\")) NIL NIL NIL \"<aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bbbbbbbbbbbbb.ccccccc.PROD.OUTLOOK.COM>\"))\r\n";

    /// <summary>exchange-retrieval-failed-nil-date-nil-mailbox: Microsoft Exchange (outlook.com / hotmail.com).</summary>
    public const string ExchangeRetrievalFailedNilDateNilMailbox =
        "* 12 FETCH (UID 3 FLAGS (\\Seen) INTERNALDATE \"27-Jan-2021 11:56:15 +0200\" RFC822.SIZE 12006 ENVELOPE (NIL \"Retrieval using the IMAP4 protocol failed for the following message: 3\" ((\"Microsoft Exchange Server\" NIL NIL \".MISSING-HOST-NAME.\")) NIL NIL ((\"username@testdomain.com\" NIL \"username\" \"testdomain.com\")) NIL NIL NIL NIL) BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"quoted-printable\" 1 1 NIL NIL NIL NIL) BODY[HEADER.FIELDS (IMPORTANCE RECEIVED X-PRIORITY REFERENCES)] {2}\r\n\r\n)\r\n";

    /// <summary>exchange-unparenthesized-disposition: Microsoft Exchange.</summary>
    public const string ExchangeUnparenthesizedDisposition =
        "* 12 FETCH (UID 67 FLAGS (\\Seen \\Recent) RFC822.SIZE 14801 ENVELOPE (\"Tue, 9 Jul 2019 13:53:17 +0200\" \"Verify your Apple ID email address\" ((\"Apple\" NIL \"appleid\" \"id.apple.com\")) NIL ((NIL NIL \"appleid_usen\" \"email.apple.com\")) ((NIL NIL \"milan.tanasic\" \"evocon.rs\")) NIL NIL NIL \"<786519723.45280397.1562673197246@email.apple.com>\") BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"ISO-8859-1\") NIL NIL \"QUOTED-PRINTABLE\" 850 31 NIL \"inline\" NIL NIL)(\"text\" \"html\" (\"charset\" \"ISO-8859-1\") NIL NIL \"QUOTED-PRINTABLE\" 14692 502 NIL \"inline\" NIL NIL) \"alternative\" (\"boundary\" \"----=_Part_45280395_786508794.1562673197246\") NIL NIL))\r\n";

    /// <summary>davmail-literal-length-in-characters: DavMail 6.0.1 (gateway in front of Exchange/O365).</summary>
    public const string DavmailLiteralLengthInCharacters =
        "* 12 FETCH (UID 16410 FLAGS (\\Seen) INTERNALDATE \"29-Apr-2021 13:57:16 +0300\" RFC822.SIZE 12609 ENVELOPE (\"Thu, 29 Apr 2021 10:57:07 +0000\" \"=?utf-8?B?0J/QsNGA0LrQuNC90LMg0L3QsCDQlNCw0L3QsNC40Lsg0JTQtdGH0LXQsg==?=\" (({38}\r\nРецепция Офис сграда \"Данаил Дечев\" №6 NIL \"facility\" \"xxxxxxxxxxx.com\")) NIL NIL ((\"Team\" NIL \"team\" \"xxxxxxxxxxx.com\")) NIL NIL NIL \"<d0f6ca6608cfb0b680b7b90824c79118@xxxxxxxxxxx.com>\") BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") \"<240310CE7CC66142A3B8B3DC30DABDF8@1>\" NIL \"BASE64\" 720 9) BODY[HEADER.FIELDS (IMPORTANCE DELIVERY-DATE X-PRIORITY REFERENCES)] {0}\r\n)\r\n";

    /// <summary>gmail-childless-related-parts-with-xgm-items: Gmail.</summary>
    public const string GmailChildlessRelatedPartsWithXgmItems =
        "* 12 FETCH (X-GM-THRID 1563190496481790748 X-GM-MSGID 1563491715126921418 X-GM-LABELS (\"\\\\Sent\") UID 227195 RFC822.SIZE 87705 MODSEQ (10677203) INTERNALDATE \"01-Apr-2017 15:51:32 +0000\" FLAGS (\\Seen) ENVELOPE (\"Sat, 01 Apr 2017 15:51:32 +0000\" \"=?UTF-8?B?RndkOiDXodeo15nXp9eqINeq157Xldeg15XXqg==?=\" ((\"...\" NIL \"...\" \"gmail.com\")) ((\"....\" NIL \"...\" \"gmail.com\")) ((\"... ...\" NIL \"...\" \"gmail.com\")) ((\"...@....com\" NIL \"...\" \"....com\")) NIL NIL \"<...@.......co.il>\" \"<..-...-...+a5Q@mail.gmail.com>\") BODYSTRUCTURE (((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\" \"DELSP\" \"yes\" \"FORMAT\" \"flowed\") NIL NIL \"BASE64\" 10418 133 NIL NIL NIL)(\"TEXT\" \"HTML\" (\"CHARSET\" \"UTF-8\") NIL NIL \"BASE64\" 34544 442 NIL NIL NIL) \"ALTERNATIVE\" (\"BOUNDARY\" \"94eb2c1cd0507723d5054c1ce6cb\") NIL NIL)(\"RELATED\" NIL (\"ATTACHMENT\" NIL) NIL)(\"RELATED\" NIL (\"ATTACHMENT\" NIL) NIL)(\"RELATED\" NIL (\"ATTACHMENT\" NIL) NIL)(\"RELATED\" NIL (\"ATTACHMENT\" NIL) NIL) \"MIXED\" (\"BOUNDARY\" \"94eb2c1cd0507723e6054c1ce6cd\") NIL NIL) BODY[HEADER.FIELDS (JOB-ID KEYWORDS LIST-ARCHIVE LIST-HELP LIST-ID LIST-ID LIST-OWNER LIST-POST LIST-SUBSCRIBE LIST-UNSUBSCRIBE LIST-UNSUBSCRIBE-POST LIST-ID LIST-UNSUBSCRIBE MESSAGEID MIME-VERSION MIME-VERSION MAILING-LIST MCIPGROUP)] {21}\r\nMIME-Version: 1.0\r\n\r\n)\r\n";

    /// <summary>gmail-empty-multipart-in-rfc822: Gmail.</summary>
    public const string GmailEmptyMultipartInRfc822 =
        "* 12 FETCH (MODSEQ (18812) BODY ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"windows-1252\") NIL NIL \"QUOTED-PRINTABLE\" 211 5)(\"MESSAGE\" \"DELIVERY-STATUS\" NIL NIL NIL \"7BIT\" 344)(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 2942 (\"Sat, 3 Jan 2015 19:26:15 +0100\" \"Re: MPG\" ((\"c p\" NIL \"---.---87\" \"gmail.com\")) ((\"c p\" NIL \"---.---87\" \"gmail.com\")) ((\"c p\" NIL \"---.---87\" \"gmail.com\")) ((\"am sa[cft]\" NIL \"sm\" \"cft.ce.fr\")) NIL NIL \"<D3CAD328B4CFD24E83DD07E8923DFEE902FA8F1B@PRDGCE8P4523.sigce.ce.fr>\" \"<D4A-8A32-4DC3-AC6C-98429154@gmail.com>\") (\"ALTERNATIVE\") 51) \"REPORT\"))\r\n";

    /// <summary>gmx-multipart-written-as-basic-part: GMX (gmx.net).</summary>
    public const string GmxMultipartWrittenAsBasicPart =
        "* 12 FETCH (UID 168531 RFC822.SIZE 5826 INTERNALDATE \"05-Jul-2019 23:29:19 +0000\" ENVELOPE (\"Fri, 05 Jul 2019 17:50:33 -0400\" \"**** decken sie jetzt ihren willkommensbonus auf!\" ((\"Cosmo Casino\" NIL \"Miai\" \"kyta.mantzen.com\")) ((\"Cosmo Casino\" NIL \"Miai\" \"kyta.mantzen.com\")) ((\"Cosmo Casino\" NIL \"Miai\" \"kyta.mantzen.com\")) ((NIL NIL \"****\" \"gmx.de\")) NIL NIL NIL \"<1802311402.10088.1413706923455.JavaMail.fatwhs@sd-hffeprod-01.sanoma.fi>\") BODYSTRUCTURE ((\"multipart\" \"related\" (\"boundary\" \"----=_@@@@BeautyqueenS87@_@147836_6893840099.85426606923635\") NIL NIL \"7BIT\" 400 (\"boundary\" \"----=_@@@@BeautyqueenS87@_@147836_6893840099.85426606923635\") NIL NIL NIL)(\"TEXT\" \"html\" (\"charset\" \"UTF8\") NIL NIL \"7BIT\" 1115 70 NIL NIL NIL NIL)(\"TEXT\" \"html\" (\"charset\" \"UTF8\") NIL NIL \"QUOTED-PRINTABLE\" 16 2 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"----=--_DRYORTABLE@@@_@@@8957836_03253840099.78526606923635\") NIL NIL NIL) FLAGS ())\r\n";

    /// <summary>mailru-nil-boundary-param: mail.ru (imap.mail.ru).</summary>
    public const string MailruNilBoundaryParam =
        "* 12 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 536 0 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 7130 0 NIL NIL NIL NIL) \"alternative\" (\"boundary\" NIL)))\r\n";

    /// <summary>unescaped-quotes-in-envelope-and-bodystructure: unknown (reporter did not name it).</summary>
    public const string UnescapedQuotesInEnvelopeAndBodystructure =
        "* 12 FETCH (UID 1 FLAGS () INTERNALDATE \" 5-Apr-2017 14:38:25 +0200\" RFC822.SIZE 947 ENVELOPE (\"Wed, 5 Apr 2017 14:38:25 +0200\" \"test\" ((NIL NIL \"test\" \"acme.com\")) ((NIL NIL \"test\"\" \"acme.com\")) ((NIL NIL \"test\" \"acme.com\")) NIL NIL NIL NIL \"<54B6100D01175D77@acme.com>\") BODYSTRUCTURE (\"TEXT\" \"HTML\"\" NIL NIL NIL {5}\r\n8bit\" 74 2))\r\n";

    /// <summary>envelope-missing-trailing-fields-gbk: unknown Chinese provider (GBK-encoded headers).</summary>
    public const string EnvelopeMissingTrailingFieldsGbk =
        "* 12 FETCH (UID 9174 ENVELOPE (\"Tue, 24 Sep 2019 09:48:05 +0800\" \"=?GBK?B?sbG+qdW9x/jI1bGose0=?=\" ((\"=?GBK?B?yv2+3bfWzvbQodfp?=\" NIL \"unkonwn-name\" \"unknown-domain\")) ((\"=?GBK?B?yv2+3bfWzvbQodfp?=\" NIL \"unkonwn-name\" \"unknown-domain\")) ((\"=?GBK?B?yv2+3bfWzvbQodfp?=\" NIL \"unkonwn-name\" \"unknown-domain\")) NIL NIL NIL))\r\n";

    /// <summary>nil-inside-address-list-with-literal-name: unknown.</summary>
    public const string NilInsideAddressListWithLiteralName =
        "* 12 FETCH (UID 3001 FLAGS (\\Seen) INTERNALDATE \"18-Jun-2019 01:20:56 -0300\" ENVELOPE (\"Thu, 18 Jul 2019 01:29:32 -0300\" \"Xxx xxx xxx xxx..\" (NIL ({123}\r\n_XXXXXXXX_xxxxxx_xxxx_xxx_?= =?iso-8859-1?Q?xxxx_xx_xxxxxxx_xxxxxxxxxx.Xxxxxxxx_xx_xxx=Xxxxxx_xx_xx_Xx?= =?iso-8859-1?Q?s?= NIL \"xxxxxxx\" \"xxxxxxxxxx.xxx\")) (NIL ({123}\r\n_XXXXXXXX_xxxxxx_xxxx_xxx_?= =?iso-8859-1?Q?xxxx_xx_xxxxxxx_xxxxxxxxxx.Xxxxxxxx_xx_xxx=Xxxxxx_xx_xx_Xx?= =?iso-8859-1?Q?s?= NIL \"xxxxxxx\" \"xxxxxxxxxx.xxx\")) ((NIL NIL \"xxxxxxx\" \"xxxxx.xxx.xx\")) ((NIL NIL \"xxxxxxx\" \"xxxxxxx.xxx.xx\")) NIL NIL NIL \"<0A9F01100712011D213C15B6D2B6DA@XXXXXXX-XXXXXXX>\"))\r\n";

    /// <summary>multipart-disposition-slot-holds-description-string: unknown (customer server).</summary>
    public const string MultipartDispositionSlotHoldsDescriptionString =
        "* 12 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)(\"application\" \"octet-stream\" (\"name\" \"MSCONS_TL_9907305000001_9906622000009_20171015_1728800281242.txt\") NIL NIL \"base64\" 171724 NIL (\"attachment\" (\"filename\" \"MSCONS_TL_9907305000001_9906622000009_20171015_1728800281242.txt\")) NIL NIL) \"mixed\" (\"boundary\" \"----=_Part_694_566091238.1508061421046\") \"S/MIME Encrypted Message\" NIL))\r\n";

    /// <summary>childless-multipart-alternative-with-params: unknown.</summary>
    public const string ChildlessMultipartAlternativeWithParams =
        "* 12 FETCH (UID 120732 BODYSTRUCTURE ((\"ALTERNATIVE\" (\"BOUNDARY\" \"e7e3f78cb2203c4e50561d13c480670d46c0bb5ccba09400aae9c221fc41\") NIL NIL)(\"APPLICATION\" \"PDF\" NIL NIL NIL \"BASE64\" 1476806 NIL (\"ATTACHMENT\" (\"FILENAME\" \"investing-101.pdf\")) NIL) \"MIXED\" (\"BOUNDARY\" \"7b1fa0fc24c33f620e26ce902dcf2ecbcc7ba56cd9e042624b2ee60b9d56\") NIL NIL))\r\n";

    /// <summary>gmail-unsolicited-fetch-during-copy: Gmail.</summary>
    public const string GmailUnsolicitedFetchDuringCopy =
        "* 12 FETCH (UID 488 FLAGS (\\Seen))\r\n";

    /// <summary>yandex-body-section-without-value: Yandex.</summary>
    public const string YandexBodySectionWithoutValue =
        "* 12 FETCH (UID 3016 BODY[2.MIME] {145}\r\nContent-Disposition: attachment;\r\n\tfilename=\"empty.pdf\"\r\nContent-Transfer-Encoding: base64\r\nContent-Type: application/pdf;\r\n\tname=\"empty.pdf\"\r\n\r\n BODY[2] )\r\n";

    /// <summary>zoho-negative-modseq: Zoho Mail.</summary>
    public const string ZohoNegativeModseq =
        "* 12 FETCH (MODSEQ (-1) FLAGS (\\Recent \\Seen) UID 336)\r\n";

    /// <summary>qq-space-before-close-paren: QQ Mail (imap.qq.com).</summary>
    public const string QqSpaceBeforeCloseParen =
        "* 12 FETCH (UID 19436 )\r\n";

    /// <summary>smartermail-double-space-no-modseq: SmarterMail.</summary>
    public const string SmartermailDoubleSpaceNoModseq =
        "* 12 FETCH (FLAGS (\\Seen)  INTERNALDATE \"25-Jul-2023 13:55:25 -0400\" UID 1)\r\n";

    /// <summary>smartermail-421-greeting: SmarterMail 100.0.7523.</summary>
    public const string Smartermail421Greeting =
        "421 Server is busy, try again later.\r\n";

    /// <summary>exchange-bare-copyuid-line: Office 365 / Exchange.</summary>
    public const string ExchangeBareCopyuidLine =
        "[COPYUID 55 31 6]\r\n";

    /// <summary>gmail-ok-without-text: Gmail (Yahoo sends the same shape: "* OK [HIGHESTMODSEQ 102784]", jstedfast/MailKit#358).</summary>
    public const string GmailOkWithoutText =
        "* OK [HIGHESTMODSEQ 13632]\r\n";

    /// <summary>zimbra-untagged-noop: Zimbra.</summary>
    public const string ZimbraUntaggedNoop =
        "* NOOP\r\n";

    /// <summary>wp-pl-tagged-bye: wp.pl (imap.wp.pl).</summary>
    public const string WpPlTaggedBye =
        "A00000006 BYE IMAP4rev1 Server logging out\r\n";
}
