using System.Buffers;
using System.Text;
using ImapClient.Protocol;

namespace ImapClient.Tests.Connection;

/// <summary>
/// Connections that receive the same capability list share one <see cref="ImapCapabilities"/>: a process with many
/// connections to one server keeps the server's atoms once, not once per connection.
/// </summary>
public class CapabilitySharingTests
{
    private static ImapCapabilities Parse(string wire) =>
        ((ImapCapabilityResponse)ResponseParser.Parse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(wire)), ImapLimits.Default).Response).Capabilities;

    [Test]
    public void The_same_list_parsed_twice_is_one_shared_set()
    {
        var first = Parse("* CAPABILITY IMAP4rev1 IDLE LITERAL+ X-SHARING-TEST-1\r\n");
        var second = Parse("* CAPABILITY IMAP4rev1 IDLE LITERAL+ X-SHARING-TEST-1\r\n");

        Assert.That(second, Is.SameAs(first));
        Assert.That(second.Idle && second.LiteralPlus, Is.True);
    }

    [TestCase("* CAPABILITY IMAP4rev1 IDLE LITERAL+ X-SHARING-TEST-2 MOVE\r\n", TestName = "one atom more")]
    [TestCase("* CAPABILITY IMAP4rev1 IDLE X-SHARING-TEST-2\r\n", TestName = "one atom fewer")]
    [TestCase("* CAPABILITY IMAP4rev1 IDLE literal+ X-SHARING-TEST-2\r\n", TestName = "an atom in another case")]
    public void A_different_list_gets_its_own_set_with_exactly_its_atoms(string other)
    {
        var first = Parse("* CAPABILITY IMAP4rev1 IDLE LITERAL+ X-SHARING-TEST-2\r\n");
        var second = Parse(other);

        Assert.That(second, Is.Not.SameAs(first));
        var atoms = other["* CAPABILITY ".Length..].TrimEnd().Split(' ');
        Assert.That(second.All, Is.EquivalentTo(atoms));
    }
}
