using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Search;

/// <summary>SEARCH, UID SEARCH, ESEARCH, SORT and THREAD transcripts: what the client writes and what it returns.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class SearchTests(Delivery delivery)
{
    internal const string Extensions = "IMAP4rev1 LITERAL+ ESEARCH SEARCHRES SORT SORT=DISPLAY THREAD=REFERENCES THREAD=ORDEREDSUBJECT CONDSTORE";

    [Test]
    public async Task Search_sends_the_query_and_returns_the_sequence_numbers()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var search = imap.SearchAsync(SearchQuery.Unseen.And(SearchQuery.From("Smith")).And(SearchQuery.Since(new DateOnly(1994, 2, 1))));
        var tag = await server.ExpectCommandAsync("SEARCH UNSEEN FROM Smith SINCE 01-Feb-1994");
        await server.SendAsync($"* SEARCH 2 84 882\r\n{tag} OK SEARCH completed\r\n");

        var result = await search.WaitAsync(Patience);
        Assert.That(result, Is.EqualTo(new uint[] { 2, 84, 882 }));
        Assert.That(result.IsUid, Is.False);
        Assert.That(result.HighestModSeq, Is.Null);
    }

    [Test]
    public async Task Uid_search_returns_uids_and_joins_the_results_of_several_SEARCH_responses()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var search = imap.UidSearchAsync(SearchQuery.Deleted.Or(SearchQuery.Draft));
        var tag = await server.ExpectCommandAsync("UID SEARCH OR DELETED DRAFT");
        await server.SendAsync($"* SEARCH 4 9\r\n* SEARCH 12\r\n{tag} OK UID SEARCH completed\r\n");

        var result = await search.WaitAsync(Patience);
        Assert.That(result, Is.EqualTo(new uint[] { 4, 9, 12 }));
        Assert.That(result.IsUid, Is.True);
    }

    [Test]
    public async Task An_empty_result_is_an_empty_list()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var search = imap.SearchAsync(SearchQuery.Keyword("$Junk"));
        var tag = await server.ExpectCommandAsync("SEARCH KEYWORD $Junk");
        await server.SendAsync($"* SEARCH\r\n{tag} OK SEARCH completed\r\n");
        Assert.That(await search.WaitAsync(Patience), Is.Empty);
    }

    [Test]
    public async Task Non_ascii_text_is_sent_with_CHARSET_UTF_8_in_a_synchronizing_literal_after_the_continuation()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1");
        var search = imap.SearchAsync(SearchQuery.Subject("Grüße").And(SearchQuery.Seen));
        var tag = await server.ExpectCommandAsync("SEARCH CHARSET UTF-8 SUBJECT {7}");
        var rest = await AssertClientSilentAsync(server, "the literal waits for the server's +");
        await server.SendAsync("+ Ready for literal data\r\n");
        Assert.That(await rest.WaitAsync(Patience), Is.EqualTo("Grüße SEEN\r\n"));
        await server.SendAsync($"* SEARCH 3\r\n{tag} OK SEARCH completed\r\n");
        Assert.That(await search.WaitAsync(Patience), Is.EqualTo(new uint[] { 3 }));
    }

    [Test]
    public async Task With_LITERAL_plus_the_literal_follows_at_once()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, Extensions);
        var search = imap.UidSearchAsync(SearchQuery.Body("naïve\r\nline"));
        var tag = await server.ExpectCommandAsync("UID SEARCH CHARSET UTF-8 BODY {12+}");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("naïve\r\n"));
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("line\r\n"), "CR LF inside the literal, then the command's CRLF");
        await server.SendAsync($"* SEARCH 17\r\n{tag} OK done\r\n");
        Assert.That(await search.WaitAsync(Patience), Is.EqualTo(new uint[] { 17 }));
    }

    [Test]
    public async Task A_NO_BADCHARSET_fails_with_the_servers_words_and_the_charsets_it_offers()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, Extensions);
        var search = imap.SearchAsync(SearchQuery.Subject("Grüße"));
        var tag = await server.ExpectCommandAsync("SEARCH CHARSET UTF-8 SUBJECT {7+}");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("Grüße\r\n"));
        await server.SendAsync($"{tag} NO [BADCHARSET (US-ASCII)] Unsupported charset\r\n");

        var ex = await CatchAsync(search) as ImapCommandException;
        Assert.That(ex, Is.Not.Null);
        Assert.That(ex!.CommandName, Is.EqualTo("SEARCH"));
        Assert.That(ex.Status, Is.EqualTo(ImapStatus.No));
        Assert.That(ex.ResponseCode!.Kind, Is.EqualTo(ImapResponseCodeKind.BadCharset));
        Assert.That(ex.ResponseCode.Charsets, Is.EqualTo(new[] { "US-ASCII" }));
        Assert.That(ex.ResponseText, Is.EqualTo("Unsupported charset"));
        Assert.That(ex.Message, Does.Contain("BADCHARSET").And.Contain("Unsupported charset"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected), "a tagged NO fails only its command");
    }

    [Test]
    public async Task A_MODSEQ_search_returns_the_highest_mod_sequence()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, Extensions);
        var search = imap.SearchAsync(SearchQuery.ModSeq(620162338));
        var tag = await server.ExpectCommandAsync("SEARCH MODSEQ 620162338");
        await server.SendAsync($"* SEARCH 2 5 6 (MODSEQ 917162500)\r\n{tag} OK Search complete\r\n");
        var result = await search.WaitAsync(Patience);
        Assert.That(result, Is.EqualTo(new uint[] { 2, 5, 6 }));
        Assert.That(result.HighestModSeq, Is.EqualTo(917162500UL));
    }

    [Test]
    public async Task Esearch_asks_for_the_chosen_items_and_returns_them()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, Extensions);
        var search = imap.UidSearchAsync(SearchQuery.Unseen, SearchReturnOptions.Min | SearchReturnOptions.Max | SearchReturnOptions.Count | SearchReturnOptions.All);
        var tag = await server.ExpectCommandAsync("UID SEARCH RETURN (MIN MAX COUNT ALL) UNSEEN");
        await server.SendAsync($"* ESEARCH (TAG \"{tag}\") UID MIN 7 MAX 3800 COUNT 4 ALL 7,9:10,3800\r\n{tag} OK SEARCH completed\r\n");

        var result = await search.WaitAsync(Patience);
        Assert.That(result.IsUid, Is.True);
        Assert.That((result.Min, result.Max, result.Count), Is.EqualTo(((uint?)7, (uint?)3800, (uint?)4)));
        Assert.That(result.Numbers, Is.EqualTo(new uint[] { 7, 9, 10, 3800 }));
    }

    [Test]
    public async Task Esearch_without_options_asks_for_ALL_and_an_empty_match_has_no_items()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, Extensions);
        var search = imap.SearchAsync(SearchQuery.Subject("Grüße"), SearchReturnOptions.None);
        var tag = await server.ExpectCommandAsync("SEARCH RETURN (ALL) CHARSET UTF-8 SUBJECT {7+}");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("Grüße\r\n"));
        await server.SendAsync($"* ESEARCH (TAG \"{tag}\")\r\n{tag} OK SEARCH completed\r\n");

        var result = await search.WaitAsync(Patience);
        Assert.That(result.IsUid, Is.False);
        Assert.That(result.All, Is.Null);
        Assert.That(result.Numbers, Is.Empty);
        Assert.That(result.Count, Is.Null);
    }

    [Test]
    public async Task Save_keeps_the_result_on_the_server_and_a_later_search_refers_to_it_pipelined()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, Extensions);
        var save = imap.UidSearchAsync(SearchQuery.Flagged, SearchReturnOptions.Save);
        var use = imap.UidSearchAsync(SearchQuery.SavedResult.And(SearchQuery.Unseen), SearchReturnOptions.Count);

        // RFC 5182: the server runs a command that uses $ after the SAVE before it, so both go at once.
        var saveTag = await server.ExpectCommandAsync("UID SEARCH RETURN (SAVE) FLAGGED");
        var useTag = await server.ExpectCommandAsync("UID SEARCH RETURN (COUNT) $ UNSEEN");
        await server.SendAsync($"{saveTag} OK SEARCH completed\r\n* ESEARCH (TAG \"{useTag}\") UID COUNT 2\r\n{useTag} OK SEARCH completed\r\n");

        var saved = await save.WaitAsync(Patience);
        Assert.That((saved.Min, saved.Max, saved.Count, saved.All), Is.EqualTo(((uint?)null, (uint?)null, (uint?)null, (SequenceSet?)null)));
        Assert.That((await use.WaitAsync(Patience)).Count, Is.EqualTo(2));
    }

    [Test]
    public async Task Sort_sends_the_criteria_and_the_charset_and_keeps_the_servers_order()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, Extensions);
        var sort = imap.UidSortAsync(SearchQuery.All, [SortCriterion.Descending(SortField.Date), SortCriterion.Ascending(SortField.Subject), new(SortField.DisplayFrom)]);
        var tag = await server.ExpectCommandAsync("UID SORT (REVERSE DATE SUBJECT DISPLAYFROM) US-ASCII ALL");
        await server.SendAsync($"* SORT 5 3 4 1 2\r\n{tag} OK SORT completed\r\n");

        var result = await sort.WaitAsync(Patience);
        Assert.That(result, Is.EqualTo(new uint[] { 5, 3, 4, 1, 2 }));
        Assert.That(result.IsUid, Is.True);
    }

    [Test]
    public async Task Sort_with_non_ascii_text_names_UTF_8()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, Extensions);
        var sort = imap.SortAsync(SearchQuery.From("Zoë"), [new(SortField.Arrival), new(SortField.Cc), new(SortField.From), new(SortField.Size), new(SortField.To)]);
        var tag = await server.ExpectCommandAsync("SORT (ARRIVAL CC FROM SIZE TO) UTF-8 FROM {4+}");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("Zoë\r\n"));
        await server.SendAsync($"* SORT 2 1\r\n{tag} OK SORT completed\r\n");
        var result = await sort.WaitAsync(Patience);
        Assert.That(result, Is.EqualTo(new uint[] { 2, 1 }));
        Assert.That(result.IsUid, Is.False);
    }

    [Test]
    public async Task Thread_sends_the_algorithm_and_returns_the_tree()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, Extensions);
        var thread = imap.ThreadAsync(SearchQuery.Since(new DateOnly(2024, 1, 1)), ThreadAlgorithm.References);
        var tag = await server.ExpectCommandAsync("THREAD REFERENCES US-ASCII SINCE 01-Jan-2024");
        await server.SendAsync($"* THREAD (2)(3 6 (4 23)(44 7 96))\r\n{tag} OK Thread completed\r\n");

        var threads = await thread.WaitAsync(Patience);
        Assert.That(threads.Select(t => t.ToString()), Is.EqualTo(new[] { "(2)", "(3 6 (4 23)(44 7 96))" }));
    }

    [Test]
    public async Task Uid_thread_with_orderedsubject()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, Extensions);
        var thread = imap.UidThreadAsync(SearchQuery.All, ThreadAlgorithm.OrderedSubject);
        var tag = await server.ExpectCommandAsync("UID THREAD ORDEREDSUBJECT US-ASCII ALL");
        await server.SendAsync($"* THREAD (100 (101)(102))(103)\r\n{tag} OK Thread completed\r\n");
        var threads = await thread.WaitAsync(Patience);
        Assert.That(threads.Select(t => t.Number), Is.EqualTo(new uint?[] { 100, 103 }));
        Assert.That(threads[0].Children.Select(c => c.Number), Is.EqualTo(new uint?[] { 101, 102 }));
    }

    [Test]
    public async Task Without_announced_capabilities_the_client_asks_for_them_before_deciding()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");
        var select = imap.SelectAsync("INBOX");
        var selectTag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 3 EXISTS\r\n{selectTag} OK [READ-WRITE] done\r\n");
        await select.WaitAsync(Patience);

        var sort = imap.SortAsync(SearchQuery.All, [new(SortField.Size)]);
        var capabilityTag = await server.ExpectCommandAsync("CAPABILITY");
        await server.SendAsync($"* CAPABILITY IMAP4rev1 SORT\r\n{capabilityTag} OK done\r\n");
        var sortTag = await server.ExpectCommandAsync("SORT (SIZE) US-ASCII ALL");
        await server.SendAsync($"* SORT 3 1 2\r\n{sortTag} OK done\r\n");
        Assert.That(await sort.WaitAsync(Patience), Is.EqualTo(new uint[] { 3, 1, 2 }));
    }
}
