using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Search;

/// <summary>
/// A SEARCH of a large mailbox: one line of several megabytes, longer than the ordinary line limit. Whole delivery
/// only: byte by byte, megabytes would take minutes and prove nothing the scanner tests do not.
/// </summary>
public class LargeSearchResultTests
{
    [Test]
    public async Task A_search_result_line_of_several_megabytes_is_accepted_with_default_options()
    {
        await using var server = new ScriptedServer(Delivery.Whole);
        await using var imap = await ConnectSelectedAsync(server);
        var expected = Enumerable.Range(1_000_000, 400_000).Select(n => (uint)n).ToArray();
        var line = new StringBuilder("* SEARCH");
        foreach (var n in expected)
        {
            line.Append(' ').Append(n);
        }

        Assert.That(line.Length, Is.GreaterThan(new ImapConnectionOptions().MaxLineLength * 2));
        var search = imap.UidSearchAsync(SearchQuery.All);
        var tag = await server.ExpectCommandAsync("UID SEARCH ALL");
        await server.SendAsync(line.Append($"\r\n{tag} OK done\r\n").ToString());
        Assert.That(await search.WaitAsync(Patience), Is.EqualTo(expected));
    }

    [Test]
    public async Task Any_other_line_over_the_limit_still_breaks_the_connection()
    {
        await using var server = new ScriptedServer(Delivery.Whole);
        await using var imap = await ConnectSelectedAsync(server, options: new ImapConnectionOptions { MaxLineLength = 1000, CommandTimeout = Patience });
        var noop = imap.NoopAsync();
        await server.ExpectCommandAsync("NOOP");
        await server.SendAsync("* OK " + new string('x', 2000) + "\r\n");
        Assert.That(await CatchAsync(noop), Is.TypeOf<ImapConnectionException>());
    }
}
