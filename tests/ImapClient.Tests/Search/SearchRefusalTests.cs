using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Search;

/// <summary>Searches refused before anything is sent: no mailbox selected, or an extension the server does not offer.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class SearchRefusalTests(Delivery delivery)
{
    private static IEnumerable<Func<ImapConnection, Task>> EveryCall()
    {
        yield return imap => imap.SearchAsync(SearchQuery.All);
        yield return imap => imap.UidSearchAsync(SearchQuery.All);
        yield return imap => imap.SearchAsync(SearchQuery.All, SearchReturnOptions.Count);
        yield return imap => imap.UidSearchAsync(SearchQuery.All, SearchReturnOptions.Count);
        yield return imap => imap.SortAsync(SearchQuery.All, [new(SortField.Date)]);
        yield return imap => imap.UidSortAsync(SearchQuery.All, [new(SortField.Date)]);
        yield return imap => imap.ThreadAsync(SearchQuery.All, ThreadAlgorithm.References);
        yield return imap => imap.UidThreadAsync(SearchQuery.All, ThreadAlgorithm.References);
    }

    [Test]
    public async Task Every_search_without_a_selected_mailbox_throws_InvalidOperationException_and_sends_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync($"* PREAUTH [CAPABILITY {SearchTests.Extensions}] ready\r\n");
        foreach (var call in EveryCall())
        {
            Assert.That(await CatchAsync(call(imap)), Is.TypeOf<InvalidOperationException>());
        }

        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task Without_capabilities_known_and_no_mailbox_selected_not_even_CAPABILITY_is_sent()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");
        foreach (var call in EveryCall())
        {
            Assert.That(await CatchAsync(call(imap)), Is.TypeOf<InvalidOperationException>());
        }

        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task Extensions_the_server_does_not_offer_throw_NotSupportedException_and_send_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 LITERAL+");
        var refused = new List<Func<Task>>
        {
            () => imap.SearchAsync(SearchQuery.All, SearchReturnOptions.Min),
            () => imap.UidSearchAsync(SearchQuery.All, SearchReturnOptions.All),
            () => imap.SortAsync(SearchQuery.All, [new(SortField.Date)]),
            () => imap.UidSortAsync(SearchQuery.All, [new(SortField.Date)]),
            () => imap.ThreadAsync(SearchQuery.All, ThreadAlgorithm.References),
            () => imap.UidThreadAsync(SearchQuery.All, ThreadAlgorithm.OrderedSubject),
            () => imap.SearchAsync(SearchQuery.ModSeq(5)),
            () => imap.UidSearchAsync(SearchQuery.SavedResult),
        };
        foreach (var call in refused)
        {
            Assert.That(await CatchAsync(call()), Is.TypeOf<NotSupportedException>());
        }

        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task Parts_of_an_extension_the_server_lacks_are_refused_too()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 ESEARCH SORT THREAD=ORDEREDSUBJECT");
        var refused = new List<Func<Task>>
        {
            () => imap.SearchAsync(SearchQuery.All, SearchReturnOptions.Save),
            () => imap.SortAsync(SearchQuery.All, [new(SortField.DisplayFrom)]),
            () => imap.UidSortAsync(SearchQuery.All, [new(SortField.Date), new(SortField.DisplayTo)]),
            () => imap.ThreadAsync(SearchQuery.All, ThreadAlgorithm.References),
            () => imap.ThreadAsync(SearchQuery.All, ThreadAlgorithm.Refs),
            () => imap.SortAsync(SearchQuery.ModSeq(1), [new(SortField.Date)]),
        };
        foreach (var call in refused)
        {
            Assert.That(await CatchAsync(call()), Is.TypeOf<NotSupportedException>());
        }

        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task Sort_needs_at_least_one_criterion()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, SearchTests.Extensions);
        Assert.That(await CatchAsync(imap.SortAsync(SearchQuery.All, [])), Is.TypeOf<ArgumentException>());
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }
}
