using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Search;

/// <summary>A SEARCH response that does not parse fails the search instead of returning no matches.</summary>
[NonParallelizable]
public class UnparsableSearchResponseTests
{
    [Test]
    public async Task An_unparsable_SEARCH_response_fails_the_search_instead_of_returning_empty()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var search = imap.UidSearchAsync(SearchQuery.All);
        var (tag, _) = SplitTag(await server.ReadLineAsync());
        await server.SendAsync($"* SEARCH 1 2 x3\r\n{tag} OK done\r\n");
        var ex = await CatchAsync(search);
        Assert.That(ex, Is.InstanceOf<ImapProtocolException>(), $"result: {(ex is null ? string.Join(",", search.Result) : ex.Message)}");
    }
}
