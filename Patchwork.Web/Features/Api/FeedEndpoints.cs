using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Patchwork.Graph.Feed;

namespace Patchwork.Web.Features.Api;

/// <summary>
/// The feed under /api/v1: other systems start and end involvements, record contacts and plan visits, and set and
/// end statuses. Each message is idempotent by the client and its <c>sourceId</c>; the rules are those of the
/// screens (<see cref="FeedService"/>).
/// </summary>
public static class FeedEndpoints
{
    public static RouteGroupBuilder MapFeed(this RouteGroupBuilder feed)
    {
        Map(feed, "/involvements", FeedKind.Involvement, "PostInvolvement",
            "Start or end an involvement of a professional of the client's agency with a person");
        Map(feed, "/contacts", FeedKind.Contact, "PostContact",
            "Record a contact, or plan a visit, by a professional of the client's agency on the person's team");
        Map(feed, "/statuses", FeedKind.Status, "PostStatus",
            "Set or end a status (child protection plan, looked after...) held by the client's agency");
        return feed;
    }

    private static void Map(RouteGroupBuilder feed, string path, FeedKind kind, string name, string summary) =>
        feed.MapPost(path, (JsonElement body, HttpContext context, FeedService service, CancellationToken ct) => ReceiveAsync(context, service, kind, body, ct))
            .WithName(name)
            .WithSummary(summary)
            .WithDescription($"Fields: {string.Join(", ", FeedRequestReader.FieldsOf(kind))}. Dates are YYYY-MM-DD, times UTC. "
                + "A message is kept by the client, its sourceId and its content: the same message sent again gets its first answer again (even after later messages for the sourceId), and an older message (by its own dates) never overwrites a newer one. "
                + "Messages for one sourceId are applied one at a time: one arriving while another server is applying one for the same sourceId is answered 409 and changes nothing; send it again shortly. "
                + "A message naming an NHS number nobody has is held (202) for a coordinator to match.")
            .Accepts<JsonElement>("application/json")
            .Produces<FeedReceipt>(StatusCodes.Status201Created)
            .Produces<FeedReceipt>(StatusCodes.Status200OK)
            .Produces<FeedReceipt>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> ReceiveAsync(HttpContext context, FeedService service, FeedKind kind, JsonElement body, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.Of(context);
        var answer = await service.ReceiveAsync(caller.Viewer, caller.ClientId, kind, body, cancellationToken);
        if (answer.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (answer.Json is { } json)
        {
            return Results.Text(json, "application/json", statusCode: answer.Status);
        }

        return answer.Errors is { Count: > 0 } errors
            ? Results.ValidationProblem(errors, answer.Problem, statusCode: answer.Status, title: ApiErrors.TitleOf(answer.Status))
            : Results.Problem(new ProblemDetails { Status = answer.Status, Title = ApiErrors.TitleOf(answer.Status), Detail = answer.Problem });
    }
}
