using System.Text;
using System.Text.Json;
using DeepSeek.Observe.Alerting.Delivery;

namespace DeepSeek.Observe.Alerting.Tests.Delivery;

public sealed class WebhookPayloadTests
{
    [Fact]
    public void Serialize_FiringAlert_EndsAtIsGoZeroTimeAndStartsAtRfc3339()
    {
        var body = WebhookPayload.Serialize(DeliveryFixture.Notification(new Uri("http://x/"), "k").Message);
        var alert = JsonDocument.Parse(body).RootElement.GetProperty("alerts")[0];

        Assert.Equal("0001-01-01T00:00:00Z", alert.GetProperty("endsAt").GetString());
        Assert.Equal("2026-03-01T11:58:00.25Z", alert.GetProperty("startsAt").GetString());
    }

    [Fact]
    public void Serialize_LikeGoEncoder_SortedKeysUtf8TextAndTrailingNewline()
    {
        var text = Encoding.UTF8.GetString(WebhookPayload.Serialize(DeliveryFixture.Notification(new Uri("http://x/"), "k").Message));

        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Contains("\"commonLabels\":{\"Hostname\":\"node-07\",\"alertname\":\"GpuTemperatureHigh\",\"gpu\":\"3\",\"severity\":\"L1\"}", text, StringComparison.Ordinal);
        Assert.Contains("91 °C", text, StringComparison.Ordinal);
        Assert.StartsWith("{\"receiver\":\"oncall\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_SpecialCharacters_EscapedAsGoEncodingJson()
    {
        var notification = DeliveryFixture.Notification(new Uri("http://x/"), "k");
        var message = notification.Message with
        {
            CommonAnnotations = new Dictionary<string, string> { ["d"] = "a<b>&\"q\" \\ \n\t\u0001 \u2028 °C 😀" },
        };

        var text = Encoding.UTF8.GetString(WebhookPayload.Serialize(message));

        Assert.Contains("\"commonAnnotations\":{\"d\":\"a\\u003cb\\u003e\\u0026\\\"q\\\" \\\\ \\n\\t\\u0001 \\u2028 °C 😀\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_Serialized_RoundTrips()
    {
        var message = DeliveryFixture.Notification(new Uri("http://x/"), "k").Message;
        var again = WebhookPayload.Serialize(WebhookPayload.Deserialize(WebhookPayload.Serialize(message))!);

        Assert.Equal(WebhookPayload.Serialize(message), again);
    }
}
