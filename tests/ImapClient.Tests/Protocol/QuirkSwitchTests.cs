using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Protocol;

/// <summary>
/// Each <see cref="ImapQuirks"/> switch over a scripted session: the defect is tolerated with the switch on (the
/// values a tolerant client should extract are there) and rejected with it off, as an ImapProtocolException for the
/// one command (or lazily parsed property) it concerns, while the connection goes on. The defective bytes are real
/// servers' (see QuirkResponses, SourcedQuirkResponses and the catalogue for their sources).
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class QuirkSwitchTests(Delivery delivery)
{
    [Test]
    public async Task ExtraSpaces_on_reads_QQs_space_before_the_closing_parenthesis_and_off_fails_the_FETCH()
    {
        var message = await FetchAsync(ImapQuirks.All, QuirkResponses.QqSpaceBeforeCloseParen);
        Assert.That(message.Uid, Is.EqualTo(19436u));
        await AssertFetchRejectedAsync(ImapQuirks.ExtraSpaces, QuirkResponses.QqSpaceBeforeCloseParen);
    }

    [Test]
    public async Task MissingResponseText_on_completes_ppops_bare_tagged_OK_and_off_fails_the_NOOP()
    {
        // mscdex/node-imap#537: ppops.net answers "A6 OK" with nothing after the status.
        await using var server = new ScriptedServer(delivery);
        await using (var imap = await ConnectSelectedAsync(server, options: Options(ImapQuirks.All)))
        {
            var noop = imap.NoopAsync();
            await server.SendAsync($"{await ReadTagAsync(server)} OK\r\n");
            var completion = await noop.WaitAsync(Patience);
            Assert.That((completion.Status, completion.Text), Is.EqualTo((ImapStatus.Ok, "")));
        }

        await AssertNoopRejectedAsync(ImapQuirks.MissingResponseText, tag => $"{tag} OK\r\n");
    }

    [Test]
    public async Task MissingResponseText_on_reads_Gmails_code_without_text_and_off_reports_it_unparsable()
    {
        var status = await UnsolicitedAsync(ImapQuirks.All, QuirkResponses.GmailOkWithoutText);
        Assert.That(status, Is.TypeOf<ImapStatusResponse>());
        var ok = (ImapStatusResponse)status;
        Assert.That((ok.Code!.Name, ok.Code.Number, ok.Text), Is.EqualTo(("HIGHESTMODSEQ", (ulong?)13632, "")));

        var rejected = await UnsolicitedAsync(ImapQuirks.All & ~ImapQuirks.MissingResponseText, QuirkResponses.GmailOkWithoutText);
        Assert.That(rejected, Is.TypeOf<ImapUnparsableResponse>());
        Assert.That(((ImapUnparsableResponse)rejected).Error.Message, Does.Contain(nameof(ImapQuirks.MissingResponseText)));
    }

    [Test]
    public async Task LowercaseKeywords_on_reads_a_lowercase_FETCH_and_off_fails_it()
    {
        const string Response = "* 12 fetch (uid 7 flags (\\Seen) modseq (9))\r\n";
        var message = await FetchAsync(ImapQuirks.All, Response);
        Assert.That((message.Uid, message.Flags!.System, message.ModSeq), Is.EqualTo(((uint?)7, SystemFlags.Seen, (ulong?)9)));
        await AssertFetchRejectedAsync(ImapQuirks.LowercaseKeywords, Response);
    }

    [Test]
    public async Task StrayBrackets_on_keeps_Exchanges_malformed_code_as_text_and_off_fails_the_NOOP()
    {
        // ruby/net-imap#597: Exchange Online's "[Error=…]" is no response code.
        const string Text = "[Error=\"Microsoft.Exchange.Data.Storage.WrongServerException: Cross Server access is not allowed\" AuthResultFromPopImapEnd=0 Service=Imap4] NOOP completed.";
        await using var server = new ScriptedServer(delivery);
        await using (var imap = await ConnectSelectedAsync(server, options: Options(ImapQuirks.All)))
        {
            var noop = imap.NoopAsync();
            await server.SendAsync($"{await ReadTagAsync(server)} OK {Text}\r\n");
            var completion = await noop.WaitAsync(Patience);
            Assert.That((completion.Status, completion.Code, completion.Text), Is.EqualTo((ImapStatus.Ok, (ImapResponseCode?)null, Text)));
        }

        await AssertNoopRejectedAsync(ImapQuirks.StrayBrackets, tag => $"{tag} OK {Text}\r\n");
    }

    [Test]
    public async Task StrayBrackets_on_reads_Exchanges_bare_COPYUID_line_as_an_untagged_OK_and_off_reports_it_unparsable()
    {
        var status = await UnsolicitedAsync(ImapQuirks.All, QuirkResponses.ExchangeBareCopyuidLine);
        Assert.That(status, Is.TypeOf<ImapStatusResponse>());
        var ok = (ImapStatusResponse)status;
        Assert.That((ok.Status, ok.Code!.Name, ok.Code.Arguments), Is.EqualTo((ImapStatus.Ok, "COPYUID", "55 31 6")));

        var rejected = await UnsolicitedAsync(ImapQuirks.All & ~ImapQuirks.StrayBrackets, QuirkResponses.ExchangeBareCopyuidLine);
        Assert.That(((ImapUnparsableResponse)rejected).Error.Message, Does.Contain(nameof(ImapQuirks.StrayBrackets)));
    }

    [Test]
    public async Task UnquotedSpecials_on_reads_Gmails_bracketed_keyword_word_by_word_and_off_fails_the_FETCH()
    {
        // ruby/net-imap#241: Gmail does not quote a keyword made from a label name.
        const string Response = "* 12 FETCH (FLAGS (\\Seen OIB-Seen-[Google Mail]/Alle Nachrichten))\r\n";
        var message = await FetchAsync(ImapQuirks.All, Response);
        Assert.That(message.Flags!.Keywords, Is.EqualTo(new[] { "OIB-Seen-[Google", "Mail]/Alle", "Nachrichten" }));
        await AssertFetchRejectedAsync(ImapQuirks.UnquotedSpecials, Response);
    }

    [Test]
    public async Task SloppyBodyStructure_on_reads_a_childless_multipart_and_off_fails_the_BodyStructure()
    {
        var message = await FetchAsync(ImapQuirks.All, QuirkResponses.ChildlessMultipartAlternativeWithParams);
        var mixed = (BodyPartMultipart)message.BodyStructure!;
        Assert.That(mixed.Parts.Select(p => p.ContentType.MimeType), Is.EqualTo(new[] { "multipart/alternative", "application/pdf" }));
        Assert.That(((BodyPartMultipart)mixed.Parts[0]).Parts, Is.Empty);
        await AssertBodyStructureRejectedAsync(ImapQuirks.SloppyBodyStructure, QuirkResponses.ChildlessMultipartAlternativeWithParams);
    }

    [Test]
    public async Task NilBodyPartSizes_on_reads_a_negative_size_as_zero_and_off_fails_the_BodyStructure()
    {
        var message = await FetchAsync(ImapQuirks.All, SourcedQuirkResponses.NegativeBodyPartOctets);
        var appleDouble = (BodyPartBasic)((BodyPartMultipart)message.BodyStructure!).Parts[1];
        Assert.That((appleDouble.ContentType.MimeType, appleDouble.Octets), Is.EqualTo(("multipart/appledouble", 0L)));
        await AssertBodyStructureRejectedAsync(ImapQuirks.NilBodyPartSizes, SourcedQuirkResponses.NegativeBodyPartOctets);
    }

    [Test]
    public async Task SpacePaddedDates_on_reads_an_unpadded_day_and_off_fails_the_FETCH_but_keeps_the_grammars_padding()
    {
        var message = await FetchAsync(ImapQuirks.All, SourcedQuirkResponses.UnpaddedInternalDateDay);
        Assert.That(message.InternalDate, Is.EqualTo(new DateTimeOffset(2023, 3, 8, 12, 16, 47, TimeSpan.FromHours(8))));
        await AssertFetchRejectedAsync(ImapQuirks.SpacePaddedDates, SourcedQuirkResponses.UnpaddedInternalDateDay);

        var padded = await FetchAsync(ImapQuirks.None, "* 12 FETCH (INTERNALDATE \" 8-Mar-2023 12:16:47 +0800\")\r\n");
        Assert.That(padded.InternalDate, Is.EqualTo(message.InternalDate));
    }

    [Test]
    public async Task InvalidDates_on_reads_Dominos_zero_date_as_null_and_off_fails_the_FETCH()
    {
        var message = await FetchAsync(ImapQuirks.All, SourcedQuirkResponses.DominoZeroInternalDate);
        Assert.That((message.Uid, message.InternalDate), Is.EqualTo(((uint?)1, (DateTimeOffset?)null)));
        await AssertFetchRejectedAsync(ImapQuirks.InvalidDates, SourcedQuirkResponses.DominoZeroInternalDate);
    }

    [Test]
    public async Task EightBitQuotedStrings_on_decodes_a_raw_UTF8_subject_and_off_fails_the_Envelope()
    {
        var message = await FetchAsync(ImapQuirks.All, SourcedQuirkResponses.RawUtf8QuotedSubject);
        Assert.That(message.Envelope!.Subject, Is.EqualTo("Kun For Deg! Få Et GRATIS Bil Nødssett Fra NAF!"));

        var strict = await FetchAsync(ImapQuirks.All & ~ImapQuirks.EightBitQuotedStrings, SourcedQuirkResponses.RawUtf8QuotedSubject);
        Assert.That(() => strict.Envelope, Throws.TypeOf<ImapProtocolException>().With.Message.Contains(nameof(ImapQuirks.EightBitQuotedStrings)));
    }

    [Test]
    public async Task UnescapedQuotes_on_reads_163s_unescaped_description_and_off_fails_the_FETCH()
    {
        var message = await FetchAsync(ImapQuirks.All, SourcedQuirkResponses.UnescapedQuotesInDescription);
        var pdf = (BodyPartBasic)((BodyPartMultipart)message.BodyStructure!).Parts[1];
        Assert.That((pdf.ContentDescription, pdf.ContentTransferEncoding, pdf.Octets), Is.EqualTo(("\"\"", "BASE64", 65322L)));
        await AssertFetchRejectedAsync(ImapQuirks.UnescapedQuotes, SourcedQuirkResponses.UnescapedQuotesInDescription);
    }

    [Test]
    public async Task ExtraParentheses_on_reads_Dominos_wrapped_ENVELOPE_and_off_fails_the_FETCH()
    {
        var message = await FetchAsync(ImapQuirks.All, QuirkResponses.DominoExtraParensAroundEnvelope);
        Assert.That((message.Uid, message.Envelope!.Subject, message.BodyStructure!.ContentType.MimeType), Is.EqualTo(((uint?)14945, (string?)null, "text/plain")));
        await AssertFetchRejectedAsync(ImapQuirks.ExtraParentheses, QuirkResponses.DominoExtraParensAroundEnvelope);
    }

    [Test]
    public async Task SpilledAddressNames_on_rebuilds_DavMails_spilled_name_and_off_fails_the_Envelope()
    {
        var message = await FetchAsync(ImapQuirks.All, QuirkResponses.DavmailLiteralLengthInCharacters);
        var from = (MimeKit.MailboxAddress)message.Envelope!.From[0];
        Assert.That((from.Name, from.Address), Is.EqualTo(("Рецепция Офис сграда \"Данаил Дечев\" №6", "facility@xxxxxxxxxxx.com")));
        await AssertEnvelopeRejectedAsync(ImapQuirks.SpilledAddressNames, QuirkResponses.DavmailLiteralLengthInCharacters);
    }

    [Test]
    public async Task SloppyEnvelope_on_reads_an_envelope_missing_its_last_field_and_off_fails_the_Envelope()
    {
        var message = await FetchAsync(ImapQuirks.All, QuirkResponses.EnvelopeMissingTrailingFieldsGbk);
        Assert.That((message.Envelope!.Subject, message.Envelope.MessageId), Is.EqualTo(("北京战区日报表", (string?)null)));
        await AssertEnvelopeRejectedAsync(ImapQuirks.SloppyEnvelope, QuirkResponses.EnvelopeMissingTrailingFieldsGbk);
    }

    [Test]
    public async Task SloppyFetch_on_reads_Yandexs_section_without_a_value_as_empty_and_off_fails_the_FETCH()
    {
        var message = await FetchAsync(ImapQuirks.All, QuirkResponses.YandexBodySectionWithoutValue);
        Assert.That(message.GetHeaders("2.MIME")!["Content-Type"], Does.StartWith("application/pdf"));
        Assert.That(message.GetSection("2")?.Length, Is.Zero);
        await AssertFetchRejectedAsync(ImapQuirks.SloppyFetch, QuirkResponses.YandexBodySectionWithoutValue);
    }

    [Test]
    public async Task InvalidNumbers_on_reads_Zohos_negative_MODSEQ_as_none_and_off_fails_the_FETCH()
    {
        var message = await FetchAsync(ImapQuirks.All, QuirkResponses.ZohoNegativeModseq);
        Assert.That((message.Uid, message.ModSeq, message.Flags!.System), Is.EqualTo(((uint?)336, (ulong?)null, SystemFlags.Recent | SystemFlags.Seen)));
        await AssertFetchRejectedAsync(ImapQuirks.InvalidNumbers, QuirkResponses.ZohoNegativeModseq);
    }

    [Test]
    public async Task TaggedBye_on_completes_wp_pls_LOGOUT_and_off_fails_it()
    {
        foreach (var (quirks, tolerated) in new[] { (ImapQuirks.All, true), (ImapQuirks.All & ~ImapQuirks.TaggedBye, false) })
        {
            await using var server = new ScriptedServer(delivery);
            await using var imap = await ConnectSelectedAsync(server, options: Options(quirks));
            var logout = imap.LogoutAsync();
            await server.SendAsync($"{await ReadTagAsync(server)} BYE IMAP4rev1 Server logging out\r\n");
            if (tolerated)
            {
                Assert.That((await logout.WaitAsync(Patience)).Text, Is.EqualTo("IMAP4rev1 Server logging out"));
                Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));
            }
            else
            {
                AssertRejected(await CatchAsync(logout), ImapQuirks.TaggedBye);
            }
        }
    }

    private static ImapConnectionOptions Options(ImapQuirks quirks) =>
        new() { CommandTimeout = TimeSpan.FromSeconds(10), Quirks = quirks };

    private static async Task<string> ReadTagAsync(ScriptedServer server) => SplitTag(await server.ReadLineAsync()).Tag;

    private static void AssertRejected(Exception? ex, ImapQuirks quirk)
    {
        Assert.That(ex, Is.TypeOf<ImapProtocolException>());
        Assert.That(ex!.Message, Does.Contain($"ImapQuirks.{quirk}"));
    }

    /// <summary>FETCH 12 answered with <paramref name="response"/> and a tagged OK.</summary>
    private async Task<FetchedMessage> FetchAsync(ImapQuirks quirks, string response)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: Options(quirks));
        var fetch = imap.FetchAsync(SequenceSet.Single(12), new FetchRequest(FetchItems.Uid));
        await server.SendAsync($"{response}{await ReadTagAsync(server)} OK FETCH completed\r\n");
        return (await fetch.WaitAsync(Patience)).Single();
    }

    /// <summary>With <paramref name="quirk"/> off the FETCH fails, alone: a NOOP after it still completes.</summary>
    private async Task AssertFetchRejectedAsync(ImapQuirks quirk, string response)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: Options(ImapQuirks.All & ~quirk));
        var fetch = imap.FetchAsync(SequenceSet.Single(12), new FetchRequest(FetchItems.Uid));
        await server.SendAsync($"{response}{await ReadTagAsync(server)} OK FETCH completed\r\n");
        AssertRejected(await CatchAsync(fetch), quirk);
        await AssertAliveAsync(server, imap);
    }

    private async Task AssertNoopRejectedAsync(ImapQuirks quirk, Func<string, string> completion)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: Options(ImapQuirks.All & ~quirk));
        var noop = imap.NoopAsync();
        await server.SendAsync(completion(await ReadTagAsync(server)));
        AssertRejected(await CatchAsync(noop), quirk);
        await AssertAliveAsync(server, imap);
    }

    private async Task AssertEnvelopeRejectedAsync(ImapQuirks quirk, string response)
    {
        var message = await FetchAsync(ImapQuirks.All & ~quirk, response);
        Assert.That(() => message.Envelope, Throws.TypeOf<ImapProtocolException>().With.Message.Contains($"ImapQuirks.{quirk}"));
    }

    private async Task AssertBodyStructureRejectedAsync(ImapQuirks quirk, string response)
    {
        var message = await FetchAsync(ImapQuirks.All & ~quirk, response);
        Assert.That(() => message.BodyStructure, Throws.TypeOf<ImapProtocolException>().With.Message.Contains($"ImapQuirks.{quirk}"));
    }

    /// <summary>An untagged response no command claims, sent during a NOOP: what the UntaggedResponse event carried.</summary>
    private async Task<ImapResponse> UnsolicitedAsync(ImapQuirks quirks, string response)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: Options(quirks));
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += untagged.Handler;
        var noop = imap.NoopAsync();
        await server.SendAsync($"{response}{await ReadTagAsync(server)} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);
        return (await untagged.NextAsync()).Response;
    }

    private static async Task AssertAliveAsync(ScriptedServer server, ImapConnection imap)
    {
        var noop = imap.NoopAsync();
        await server.SendAsync($"{await ReadTagAsync(server)} OK still here\r\n");
        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("still here"));
    }
}
