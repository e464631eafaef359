using System.Reflection;
using System.Text;
using ImapClient.Tests.Infrastructure;
using MimeKit;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Fetch;

/// <summary>
/// A whole header section is parsed into a HeaderList on the reader loop as it arrives, and its values are decoded
/// there too (RFC 2047 words in any charset, folded lines), so a caller that reads every header after a big FETCH
/// finds the work done while the server was still sending.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class HeaderSectionDecodingTests(Delivery delivery)
{
    private const string Section =
        "From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <j@example.org>\r\n" +
        "To: =?KOI8-R?B?7MXOwQ==?= <l@example.org>,\r\n =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <s@example.org>\r\n" +
        "Subject: =?UTF-8?B?0J/RgNC10LTRgdGC0LDQstC70LXQvdC40LU=?= and\r\n\tmore\r\n" +
        "Message-ID: <1@example.org>\r\n" +
        "\r\n";

    // MimeKit keeps a header's decoded value in this field once made; only a test looks at it.
    private static readonly FieldInfo DecodedValue =
        typeof(Header).GetField("textValue", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException("MimeKit's Header no longer has its textValue field: update this test.");

    [Test]
    public async Task Header_values_are_decoded_by_the_time_the_fetch_completes_and_equal_MimeKits_own()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var fetching = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Uid).AddBodySection("HEADER"));
        var tag = await server.ExpectCommandAsync("FETCH 1 (UID BODY.PEEK[HEADER])");
        var length = Encoding.ASCII.GetByteCount(Section);
        await server.SendAsync($"* 1 FETCH (UID 5 BODY[HEADER] {{{length}}}\r\n{Section})\r\n{tag} OK done\r\n");
        var headers = (await fetching.WaitAsync(Patience)).Single().Headers!;

        Assert.That(headers.Select(h => DecodedValue.GetValue(h)), Has.All.Not.Null, "decoded before the caller read any value");
        var expected = HeaderList.Load(new MemoryStream(Encoding.ASCII.GetBytes(Section)));
        Assert.That(headers.Select(h => (h.Field, h.Value)), Is.EqualTo(expected.Select(h => (h.Field, h.Value))));
        Assert.That(headers["To"], Does.Contain("Лена").And.Contain("山田"));
        Assert.That(headers["Subject"], Does.StartWith("Представление and"));
    }
}
