using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Protocol;

/// <summary>
/// The ENVELOPE and BODYSTRUCTURE defects of real servers recorded in the shared quirks catalogue, each fed with its
/// exact response bytes and checked against what the catalogue's "expect" asks for. Test names carry the quirk id.
/// </summary>
[TestFixture(0)]
[TestFixture(1)]
public sealed class QuirkTests(int segmentSize) : FetchParsingFixture(segmentSize)
{
    [Test]
    public void Quirk_domino_extra_parens_around_envelope_gives_an_all_NIL_envelope_and_a_plain_text_body()
    {
        var message = Fetch(QuirkResponses.DominoExtraParensAroundEnvelope);
        Assert.That(message.Uid, Is.EqualTo(14945u));
        AssertAllNil(message.Envelope);
        var text = AssertPart<BodyPartText>(message.BodyStructure, "text/plain", "1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.ContentType.Parameters, Is.Empty);
            Assert.That(text.ContentTransferEncoding, Is.EqualTo("7BIT"));
            Assert.That(text.Octets, Is.Zero);
            Assert.That(text.Lines, Is.Zero);
            Assert.That(text.ContentMd5, Is.Null);
        }
    }

    [Test]
    public void Quirk_domino_rfc822_empty_body_and_double_spaces_gives_a_report_whose_attached_message_has_no_body()
    {
        var message = Fetch(QuirkResponses.DominoRfc822EmptyBodyAndDoubleSpaces);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Uid, Is.EqualTo(23064u));
            Assert.That(message.Flags!.System, Is.EqualTo(SystemFlags.Seen));
        }

        var envelope = message.Envelope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.DateText, Is.EqualTo("6 Nov 2019 09:12:02 +0100"));
            Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(2019, 11, 6, 9, 12, 2, TimeSpan.FromHours(1))));
            Assert.That(envelope.Subject, Is.EqualTo("DELIVERY FAILURE: 550 #5.1.0 Address rejected."));
            AssertSingleMailbox(envelope.From, null, "postmaster@pmta.censored.co.at");
            AssertSingleMailbox(envelope.Sender, null, "postmaster@pmta.censored.co.at");
            AssertSingleMailbox(envelope.ReplyTo, null, "postmaster@pmta.censored.co.at");
            AssertSingleMailbox(envelope.To, null, "support@censored.rocks");
            Assert.That(envelope.Cc, Is.Empty);
            Assert.That(envelope.Bcc, Is.Empty);
            Assert.That(envelope.InReplyTo, Is.Null);
            Assert.That(envelope.MessageId, Is.EqualTo("<OF0E3BFDBA.E44C42DB-ONC12584AA.002D0EF8@censored.com>"));
        }

        var report = AssertPart<BodyPartMultipart>(message.BodyStructure, "multipart/report", "");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.ContentType.Parameters["report-type"], Is.EqualTo("delivery-status"));
            Assert.That(report.ContentType.Boundary, Is.EqualTo("==IFJRGLKFGIR60132UHRUHIHD"));
            Assert.That(report.ContentDisposition, Is.Null);
            Assert.That(report.Parts, Has.Count.EqualTo(3));
        }

        var text = AssertPart<BodyPartText>(report.Parts[0], "text/plain", "1");
        var status = AssertPart<BodyPartBasic>(report.Parts[1], "message/delivery-status", "2");
        var attached = AssertPart<BodyPartMessage>(report.Parts[2], "message/rfc822", "3");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.ContentType.Charset, Is.EqualTo("UTF-8"));
            Assert.That(text.ContentTransferEncoding, Is.EqualTo("BASE64"));
            Assert.That(text.Octets, Is.EqualTo(232));
            Assert.That(text.Lines, Is.EqualTo(4));
            Assert.That(status.ContentTransferEncoding, Is.EqualTo("7BIT"));
            Assert.That(status.Octets, Is.EqualTo(421));
            Assert.That(attached.Octets, Is.EqualTo(787));
            Assert.That(attached.Lines, Is.Zero);
            Assert.That(attached.Body, Is.Null);
        }

        AssertAllNil(attached.Envelope);
    }

    [Test]
    public void Quirk_outlook_extra_space_between_addresses_gives_six_To_addresses_and_keeps_the_mangled_date_raw()
    {
        var message = Fetch(QuirkResponses.OutlookExtraSpaceBetweenAddresses);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Uid, Is.EqualTo(60u));
            Assert.That(message.InternalDate, Is.EqualTo(new DateTimeOffset(2021, 5, 24, 11, 47, 51, TimeSpan.FromHours(2))));
            Assert.That(message.InternalDate!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
            Assert.That(message.Size, Is.EqualTo(49051));
        }

        var envelope = message.Envelope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.DateText, Is.EqualTo("Mon, 24 May 20 21 09:47:50 +0000"));
            Assert.That(envelope.Date, Is.Null);
            Assert.That(envelope.Subject, Is.EqualTo("Zoooom Zoom"));
            AssertSingleMailbox(envelope.From, "Augustina Gleason", "augustina@oberbrunner.test");
            Assert.That(envelope.Sender, Is.Empty);
            Assert.That(envelope.ReplyTo, Is.Empty);
            Assert.That(envelope.Cc, Is.Empty);
            Assert.That(envelope.Bcc, Is.Empty);
            Assert.That(envelope.InReplyTo, Is.Null);
            Assert.That(envelope.MessageId, Is.EqualTo("<aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bbbbbbbbbbbbb.ccccccc.PROD.OUTLOOK.COM>"));
        }

        string[] to =
        [
            "risa@harvey-lemke.test", "shella@kilback-renner.test", "jana.kiehn@bradtke-considine.example",
            "frank@hartmann.test", "numbers.ryan@satterfield.test", "keneth_feeney@will-walter.test",
        ];
        Assert.That(envelope.To, Has.Count.EqualTo(to.Length));
        for (var i = 0; i < to.Length; i++)
        {
            AssertMailbox(envelope.To[i], to[i], to[i]);
        }
    }

    [Test]
    public void Quirk_exchange_retrieval_failed_nil_date_nil_mailbox_keeps_the_sender_name_without_an_address()
    {
        var message = Fetch(QuirkResponses.ExchangeRetrievalFailedNilDateNilMailbox);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Uid, Is.EqualTo(3u));
            Assert.That(message.Flags!.System, Is.EqualTo(SystemFlags.Seen));
            Assert.That(message.InternalDate, Is.EqualTo(new DateTimeOffset(2021, 1, 27, 11, 56, 15, TimeSpan.FromHours(2))));
            Assert.That(message.Size, Is.EqualTo(12006));
        }

        var envelope = message.Envelope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.Date, Is.Null);
            Assert.That(envelope.DateText, Is.Null);
            Assert.That(envelope.Subject, Is.EqualTo("Retrieval using the IMAP4 protocol failed for the following message: 3"));
            AssertSingleMailbox(envelope.From, "Microsoft Exchange Server", "");
            Assert.That(envelope.Sender, Is.Empty);
            Assert.That(envelope.ReplyTo, Is.Empty);
            AssertSingleMailbox(envelope.To, "username@testdomain.com", "username@testdomain.com");
            Assert.That(envelope.MessageId, Is.Null);
        }

        var text = AssertPart<BodyPartText>(message.BodyStructure, "text/plain", "1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.ContentType.Charset, Is.EqualTo("us-ascii"));
            Assert.That(text.ContentTransferEncoding, Is.EqualTo("QUOTED-PRINTABLE"));
            Assert.That(text.Octets, Is.EqualTo(1));
            Assert.That(text.Lines, Is.EqualTo(1));
            Assert.That(message.GetSection("HEADER.FIELDS (IMPORTANCE RECEIVED X-PRIORITY REFERENCES)")!.Value.ToArray(), Is.EqualTo("\r\n"u8.ToArray()));
        }
    }

    [Test]
    public void Quirk_exchange_unparenthesized_disposition_reads_a_bare_inline_string_as_the_disposition()
    {
        var message = Fetch(QuirkResponses.ExchangeUnparenthesizedDisposition);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Uid, Is.EqualTo(67u));
            Assert.That(message.Flags!.System, Is.EqualTo(SystemFlags.Seen | SystemFlags.Recent));
            Assert.That(message.Size, Is.EqualTo(14801));
        }

        var envelope = message.Envelope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(2019, 7, 9, 13, 53, 17, TimeSpan.FromHours(2))));
            Assert.That(envelope.Subject, Is.EqualTo("Verify your Apple ID email address"));
            AssertSingleMailbox(envelope.From, "Apple", "appleid@id.apple.com");
            Assert.That(envelope.Sender, Is.Empty);
            AssertSingleMailbox(envelope.ReplyTo, null, "appleid_usen@email.apple.com");
            AssertSingleMailbox(envelope.To, null, "milan.tanasic@evocon.rs");
            Assert.That(envelope.MessageId, Is.EqualTo("<786519723.45280397.1562673197246@email.apple.com>"));
        }

        var alternative = AssertPart<BodyPartMultipart>(message.BodyStructure, "multipart/alternative", "");
        Assert.That(alternative.ContentType.Boundary, Is.EqualTo("----=_Part_45280395_786508794.1562673197246"));
        Assert.That(alternative.Parts, Has.Count.EqualTo(2));
        var plain = AssertPart<BodyPartText>(alternative.Parts[0], "text/plain", "1");
        var html = AssertPart<BodyPartText>(alternative.Parts[1], "text/html", "2");
        foreach (var (part, octets, lines) in new[] { (plain, 850L, 31L), (html, 14692L, 502L) })
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(part.ContentType.Charset, Is.EqualTo("ISO-8859-1"));
                Assert.That(part.ContentTransferEncoding, Is.EqualTo("QUOTED-PRINTABLE"));
                Assert.That(part.Octets, Is.EqualTo(octets));
                Assert.That(part.Lines, Is.EqualTo(lines));
                Assert.That(part.ContentDisposition!.Disposition, Is.EqualTo("inline"));
                Assert.That(part.ContentDisposition.Parameters, Is.Empty);
            }
        }
    }

    [Test]
    public void Quirk_davmail_literal_length_in_characters_rebuilds_the_spilled_name_and_keeps_the_address()
    {
        var message = Fetch(QuirkResponses.DavmailLiteralLengthInCharacters);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Uid, Is.EqualTo(16410u));
            Assert.That(message.Flags!.System, Is.EqualTo(SystemFlags.Seen));
            Assert.That(message.InternalDate, Is.EqualTo(new DateTimeOffset(2021, 4, 29, 13, 57, 16, TimeSpan.FromHours(3))));
            Assert.That(message.Size, Is.EqualTo(12609));
        }

        var envelope = message.Envelope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(2021, 4, 29, 10, 57, 7, TimeSpan.Zero)));
            Assert.That(envelope.Subject, Is.EqualTo("Паркинг на Данаил Дечев"));
            AssertSingleMailbox(envelope.From, "Рецепция Офис сграда \"Данаил Дечев\" №6", "facility@xxxxxxxxxxx.com");
            Assert.That(envelope.Sender, Is.Empty);
            Assert.That(envelope.ReplyTo, Is.Empty);
            AssertSingleMailbox(envelope.To, "Team", "team@xxxxxxxxxxx.com");
            Assert.That(envelope.MessageId, Is.EqualTo("<d0f6ca6608cfb0b680b7b90824c79118@xxxxxxxxxxx.com>"));
        }

        var text = AssertPart<BodyPartText>(message.BodyStructure, "text/plain", "1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.ContentType.Charset, Is.EqualTo("UTF-8"));
            Assert.That(text.ContentId, Is.EqualTo("<240310CE7CC66142A3B8B3DC30DABDF8@1>"));
            Assert.That(text.ContentTransferEncoding, Is.EqualTo("BASE64"));
            Assert.That(text.Octets, Is.EqualTo(720));
            Assert.That(text.Lines, Is.EqualTo(9));
        }
    }

    [Test]
    public void Quirk_unescaped_quotes_in_envelope_and_bodystructure_takes_the_stray_quotes_as_text()
    {
        // The catalogue's best effort: a quote followed by neither a space, a parenthesis nor the line end is text.
        var message = Fetch(QuirkResponses.UnescapedQuotesInEnvelopeAndBodystructure);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Uid, Is.EqualTo(1u));
            Assert.That(message.Flags!.System, Is.EqualTo(SystemFlags.None));
            Assert.That(message.InternalDate, Is.EqualTo(new DateTimeOffset(2017, 4, 5, 14, 38, 25, TimeSpan.FromHours(2))));
            Assert.That(message.Size, Is.EqualTo(947));
        }

        var envelope = message.Envelope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.Subject, Is.EqualTo("test"));
            AssertSingleMailbox(envelope.From, null, "test@acme.com");
            AssertSingleMailbox(envelope.Sender, null, "\"test\\\"\"@acme.com");
            AssertSingleMailbox(envelope.ReplyTo, null, "test@acme.com");
            Assert.That(envelope.MessageId, Is.EqualTo("<54B6100D01175D77@acme.com>"));
        }

        var html = AssertPart<BodyPartText>(message.BodyStructure, "text/html\"", "1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(html.ContentTransferEncoding, Is.EqualTo("8BIT\""));
            Assert.That(html.Octets, Is.EqualTo(74));
            Assert.That(html.Lines, Is.EqualTo(2));
        }
    }

    [Test]
    public void Quirk_unescaped_quotes_in_envelope_and_bodystructure_fails_cleanly_when_the_switch_is_off()
    {
        var strict = new ImapLimits { Quirks = ImapQuirks.All & ~ImapQuirks.UnescapedQuotes };
        Assert.That(
            () => ResponseParser.Parse(Sequence(QuirkResponses.UnescapedQuotesInEnvelopeAndBodystructure), strict),
            Throws.TypeOf<ImapProtocolException>().With.Message.Contains(nameof(ImapQuirks.UnescapedQuotes)));
    }

    [Test]
    public void Quirk_gmail_childless_related_parts_with_xgm_items_keeps_four_empty_related_multiparts()
    {
        var message = Fetch(QuirkResponses.GmailChildlessRelatedPartsWithXgmItems);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Uid, Is.EqualTo(227195u));
            Assert.That(message.Size, Is.EqualTo(87705));
            Assert.That(message.ModSeq, Is.EqualTo(10677203ul));
            Assert.That(message.InternalDate, Is.EqualTo(new DateTimeOffset(2017, 4, 1, 15, 51, 32, TimeSpan.Zero)));
            Assert.That(message.Flags!.System, Is.EqualTo(SystemFlags.Seen));
            Assert.That(message.BodySections, Has.Count.EqualTo(1));
            Assert.That(message.BodySections[0].Data!.Value.ToArray(), Is.EqualTo("MIME-Version: 1.0\r\n\r\n"u8.ToArray()));
        }

        var envelope = message.Envelope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(2017, 4, 1, 15, 51, 32, TimeSpan.Zero)));
            Assert.That(envelope.Subject, Is.EqualTo("Fwd: סריקת תמונות"));

            // "..." is no valid dot-atom local-part, so it is kept quoted; "....com" is no domain at all, so that
            // address survives only as a display name (which was the same text anyway).
            AssertSingleMailbox(envelope.From, "...", "\"...\"@gmail.com");
            AssertSingleMailbox(envelope.Sender, "....", "\"...\"@gmail.com");
            AssertSingleMailbox(envelope.ReplyTo, "... ...", "\"...\"@gmail.com");
            AssertSingleMailbox(envelope.To, "...@....com", "");
            Assert.That(envelope.InReplyTo, Is.EqualTo("<...@.......co.il>"));
            Assert.That(envelope.MessageId, Is.EqualTo("<..-...-...+a5Q@mail.gmail.com>"));
        }

        var mixed = AssertPart<BodyPartMultipart>(message.BodyStructure, "multipart/mixed", "");
        Assert.That(mixed.ContentType.Boundary, Is.EqualTo("94eb2c1cd0507723e6054c1ce6cd"));
        Assert.That(mixed.Parts, Has.Count.EqualTo(5));
        var alternative = AssertPart<BodyPartMultipart>(mixed.Parts[0], "multipart/alternative", "1");
        Assert.That(alternative.ContentType.Boundary, Is.EqualTo("94eb2c1cd0507723d5054c1ce6cb"));
        var plain = AssertPart<BodyPartText>(alternative.Parts[0], "text/plain", "1.1");
        var html = AssertPart<BodyPartText>(alternative.Parts[1], "text/html", "1.2");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plain.ContentType.Charset, Is.EqualTo("UTF-8"));
            Assert.That(plain.ContentType.Parameters["delsp"], Is.EqualTo("yes"));
            Assert.That(plain.ContentType.Format, Is.EqualTo("flowed"));
            Assert.That(plain.ContentTransferEncoding, Is.EqualTo("BASE64"));
            Assert.That(plain.Octets, Is.EqualTo(10418));
            Assert.That(plain.Lines, Is.EqualTo(133));
            Assert.That(html.Octets, Is.EqualTo(34544));
            Assert.That(html.Lines, Is.EqualTo(442));
        }

        for (var i = 1; i < 5; i++)
        {
            var related = AssertPart<BodyPartMultipart>(mixed.Parts[i], "multipart/related", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(related.Parts, Is.Empty);
            Assert.That(related.ContentType.Parameters, Is.Empty);
            Assert.That(related.ContentDisposition!.IsAttachment, Is.True);
        }
    }

    [Test]
    public void Quirk_gmail_empty_multipart_in_rfc822_gives_the_attached_message_an_empty_alternative_body()
    {
        var message = Fetch(QuirkResponses.GmailEmptyMultipartInRfc822);
        Assert.That(message.ModSeq, Is.EqualTo(18812ul));
        var report = AssertPart<BodyPartMultipart>(message.BodyStructure, "multipart/report", "");
        Assert.That(report.ContentType.Parameters, Is.Empty);
        Assert.That(report.Parts, Has.Count.EqualTo(3));
        var text = AssertPart<BodyPartText>(report.Parts[0], "text/plain", "1");
        var status = AssertPart<BodyPartBasic>(report.Parts[1], "message/delivery-status", "2");
        var attached = AssertPart<BodyPartMessage>(report.Parts[2], "message/rfc822", "3");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.ContentType.Charset, Is.EqualTo("windows-1252"));
            Assert.That(text.ContentTransferEncoding, Is.EqualTo("QUOTED-PRINTABLE"));
            Assert.That(text.Octets, Is.EqualTo(211));
            Assert.That(text.Lines, Is.EqualTo(5));
            Assert.That(status.Octets, Is.EqualTo(344));
            Assert.That(attached.Octets, Is.EqualTo(2942));
            Assert.That(attached.Lines, Is.EqualTo(51));
        }

        var envelope = attached.Envelope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(2015, 1, 3, 19, 26, 15, TimeSpan.FromHours(1))));
            Assert.That(envelope.Subject, Is.EqualTo("Re: MPG"));
            AssertSingleMailbox(envelope.From, "c p", "---.---87@gmail.com");
            AssertSingleMailbox(envelope.Sender, "c p", "---.---87@gmail.com");
            AssertSingleMailbox(envelope.ReplyTo, "c p", "---.---87@gmail.com");
            AssertSingleMailbox(envelope.To, "am sa[cft]", "sm@cft.ce.fr");
            Assert.That(envelope.InReplyTo, Is.EqualTo("<D3CAD328B4CFD24E83DD07E8923DFEE902FA8F1B@PRDGCE8P4523.sigce.ce.fr>"));
            Assert.That(envelope.MessageId, Is.EqualTo("<D4A-8A32-4DC3-AC6C-98429154@gmail.com>"));
        }

        var body = AssertPart<BodyPartMultipart>(attached.Body, "multipart/alternative", "3");
        Assert.That(body.Parts, Is.Empty);
    }

    [Test]
    public void Quirk_gmx_multipart_written_as_basic_part_keeps_it_as_an_opaque_leaf()
    {
        var message = Fetch(QuirkResponses.GmxMultipartWrittenAsBasicPart);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Uid, Is.EqualTo(168531u));
            Assert.That(message.Size, Is.EqualTo(5826));
            Assert.That(message.InternalDate, Is.EqualTo(new DateTimeOffset(2019, 7, 5, 23, 29, 19, TimeSpan.Zero)));
            Assert.That(message.Flags!.System, Is.EqualTo(SystemFlags.None));
            Assert.That(message.Flags.Keywords, Is.Empty);
        }

        var envelope = message.Envelope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(2019, 7, 5, 17, 50, 33, TimeSpan.FromHours(-4))));
            Assert.That(envelope.Subject, Is.EqualTo("**** decken sie jetzt ihren willkommensbonus auf!"));
            AssertSingleMailbox(envelope.From, "Cosmo Casino", "Miai@kyta.mantzen.com");
            AssertSingleMailbox(envelope.To, null, "****@gmx.de");
            Assert.That(envelope.MessageId, Is.EqualTo("<1802311402.10088.1413706923455.JavaMail.fatwhs@sd-hffeprod-01.sanoma.fi>"));
        }

        var mixed = AssertPart<BodyPartMultipart>(message.BodyStructure, "multipart/mixed", "");
        Assert.That(mixed.ContentType.Boundary, Is.EqualTo("----=--_DRYORTABLE@@@_@@@8957836_03253840099.78526606923635"));
        Assert.That(mixed.Parts, Has.Count.EqualTo(3));
        var related = AssertPart<BodyPartBasic>(mixed.Parts[0], "multipart/related", "1");
        var first = AssertPart<BodyPartText>(mixed.Parts[1], "text/html", "2");
        var second = AssertPart<BodyPartText>(mixed.Parts[2], "text/html", "3");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(related.ContentType.Boundary, Is.EqualTo("----=_@@@@BeautyqueenS87@_@147836_6893840099.85426606923635"));
            Assert.That(related.ContentTransferEncoding, Is.EqualTo("7BIT"));
            Assert.That(related.Octets, Is.EqualTo(400));
            Assert.That(related.ContentMd5, Is.Null);
            Assert.That(related.ContentDisposition, Is.Null);
            Assert.That(first.ContentType.Charset, Is.EqualTo("UTF8"));
            Assert.That(first.ContentTransferEncoding, Is.EqualTo("7BIT"));
            Assert.That(first.Octets, Is.EqualTo(1115));
            Assert.That(first.Lines, Is.EqualTo(70));
            Assert.That(second.ContentTransferEncoding, Is.EqualTo("QUOTED-PRINTABLE"));
            Assert.That(second.Octets, Is.EqualTo(16));
            Assert.That(second.Lines, Is.EqualTo(2));
        }
    }

    [Test]
    public void Quirk_mailru_nil_boundary_param_drops_the_boundary_instead_of_failing()
    {
        var message = Fetch(QuirkResponses.MailruNilBoundaryParam);
        var alternative = AssertPart<BodyPartMultipart>(message.BodyStructure, "multipart/alternative", "");
        Assert.That(alternative.ContentType.Boundary, Is.Null);
        Assert.That(alternative.ContentType.Parameters, Is.Empty);
        Assert.That(alternative.Parts, Has.Count.EqualTo(2));
        var plain = AssertPart<BodyPartText>(alternative.Parts[0], "text/plain", "1");
        var html = AssertPart<BodyPartText>(alternative.Parts[1], "text/html", "2");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plain.ContentType.Charset, Is.EqualTo("utf-8"));
            Assert.That(plain.ContentTransferEncoding, Is.EqualTo("8BIT"));
            Assert.That(plain.Octets, Is.EqualTo(536));
            Assert.That(plain.Lines, Is.Zero);
            Assert.That(html.ContentType.Charset, Is.EqualTo("utf-8"));
            Assert.That(html.ContentTransferEncoding, Is.EqualTo("8BIT"));
            Assert.That(html.Octets, Is.EqualTo(7130));
            Assert.That(html.Lines, Is.Zero);
        }
    }

    [Test]
    public void Quirk_envelope_missing_trailing_fields_gbk_decodes_GBK_words_and_leaves_the_missing_message_id_null()
    {
        var message = Fetch(QuirkResponses.EnvelopeMissingTrailingFieldsGbk);
        Assert.That(message.Uid, Is.EqualTo(9174u));
        var envelope = message.Envelope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(2019, 9, 24, 9, 48, 5, TimeSpan.FromHours(8))));
            Assert.That(envelope.Subject, Is.EqualTo("北京战区日报表"));
            AssertSingleMailbox(envelope.From, "数据分析小组", "unkonwn-name@unknown-domain");
            AssertSingleMailbox(envelope.Sender, "数据分析小组", "unkonwn-name@unknown-domain");
            AssertSingleMailbox(envelope.ReplyTo, "数据分析小组", "unkonwn-name@unknown-domain");
            Assert.That(envelope.To, Is.Empty);
            Assert.That(envelope.Cc, Is.Empty);
            Assert.That(envelope.Bcc, Is.Empty);
            Assert.That(envelope.InReplyTo, Is.Null);
            Assert.That(envelope.MessageId, Is.Null);
        }
    }

    [Test]
    public void Quirk_nil_inside_address_list_with_literal_name_skips_the_stray_NIL_and_names_the_address_from_the_literal()
    {
        var message = Fetch(QuirkResponses.NilInsideAddressListWithLiteralName);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Uid, Is.EqualTo(3001u));
            Assert.That(message.Flags!.System, Is.EqualTo(SystemFlags.Seen));
            Assert.That(message.InternalDate, Is.EqualTo(new DateTimeOffset(2019, 6, 18, 1, 20, 56, TimeSpan.FromHours(-3))));
        }

        // The literal holds the tail of a broken encoded word and then two good ones; only the good ones decode.
        const string Name = "_XXXXXXXX_xxxxxx_xxxx_xxx_?= xxxx xx xxxxxxx xxxxxxxxxx.Xxxxxxxx xx xxx=Xxxxxx xx xx Xxs";
        var envelope = message.Envelope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(2019, 7, 18, 1, 29, 32, TimeSpan.FromHours(-3))));
            Assert.That(envelope.Subject, Is.EqualTo("Xxx xxx xxx xxx.."));
            AssertSingleMailbox(envelope.From, Name, "xxxxxxx@xxxxxxxxxx.xxx");
            AssertSingleMailbox(envelope.Sender, Name, "xxxxxxx@xxxxxxxxxx.xxx");
            AssertSingleMailbox(envelope.ReplyTo, null, "xxxxxxx@xxxxx.xxx.xx");
            AssertSingleMailbox(envelope.To, null, "xxxxxxx@xxxxxxx.xxx.xx");
            Assert.That(envelope.Cc, Is.Empty);
            Assert.That(envelope.MessageId, Is.EqualTo("<0A9F01100712011D213C15B6D2B6DA@XXXXXXX-XXXXXXX>"));
        }
    }

    [Test]
    public void Quirk_multipart_disposition_slot_holds_description_string_ignores_the_string()
    {
        const string FileName = "MSCONS_TL_9907305000001_9906622000009_20171015_1728800281242.txt";
        var message = Fetch(QuirkResponses.MultipartDispositionSlotHoldsDescriptionString);
        var mixed = AssertPart<BodyPartMultipart>(message.BodyStructure, "multipart/mixed", "");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(mixed.ContentType.Boundary, Is.EqualTo("----=_Part_694_566091238.1508061421046"));
            Assert.That(mixed.ContentDisposition, Is.Null);
            Assert.That(mixed.ContentLanguage, Is.Null);
            Assert.That(mixed.Parts, Has.Count.EqualTo(2));
        }

        var text = AssertPart<BodyPartText>(mixed.Parts[0], "text/plain", "1");
        var attachment = AssertPart<BodyPartBasic>(mixed.Parts[1], "application/octet-stream", "2");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.ContentType.Charset, Is.EqualTo("us-ascii"));
            Assert.That(text.ContentTransferEncoding, Is.EqualTo("7BIT"));
            Assert.That(text.Octets, Is.Zero);
            Assert.That(text.Lines, Is.Zero);
            Assert.That(attachment.ContentType.Name, Is.EqualTo(FileName));
            Assert.That(attachment.ContentTransferEncoding, Is.EqualTo("BASE64"));
            Assert.That(attachment.Octets, Is.EqualTo(171724));
            Assert.That(attachment.ContentDisposition!.IsAttachment, Is.True);
            Assert.That(attachment.ContentDisposition.FileName, Is.EqualTo(FileName));
        }
    }

    [Test]
    public void Quirk_childless_multipart_alternative_with_params_keeps_an_empty_alternative_before_the_pdf()
    {
        var message = Fetch(QuirkResponses.ChildlessMultipartAlternativeWithParams);
        Assert.That(message.Uid, Is.EqualTo(120732u));
        var mixed = AssertPart<BodyPartMultipart>(message.BodyStructure, "multipart/mixed", "");
        Assert.That(mixed.ContentType.Boundary, Is.EqualTo("7b1fa0fc24c33f620e26ce902dcf2ecbcc7ba56cd9e042624b2ee60b9d56"));
        Assert.That(mixed.Parts, Has.Count.EqualTo(2));
        var alternative = AssertPart<BodyPartMultipart>(mixed.Parts[0], "multipart/alternative", "1");
        var pdf = AssertPart<BodyPartBasic>(mixed.Parts[1], "application/pdf", "2");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(alternative.Parts, Is.Empty);
            Assert.That(alternative.ContentType.Boundary, Is.EqualTo("e7e3f78cb2203c4e50561d13c480670d46c0bb5ccba09400aae9c221fc41"));
            Assert.That(pdf.ContentTransferEncoding, Is.EqualTo("BASE64"));
            Assert.That(pdf.Octets, Is.EqualTo(1476806));
            Assert.That(pdf.ContentDisposition!.IsAttachment, Is.True);
            Assert.That(pdf.ContentDisposition.FileName, Is.EqualTo("investing-101.pdf"));
        }
    }
}
