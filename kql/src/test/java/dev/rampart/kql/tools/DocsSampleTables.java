package dev.rampart.kql.tools;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * The sample tables the KQL reference examples query (the docs' help cluster), as name and typed columns.
 * Column lists come from the pages that describe the tables and from the columns the examples read.
 */
final class DocsSampleTables {
    private DocsSampleTables() {
    }

    /** One table per line: {@code Name: col:type, col:type, ...}. */
    private static final String TABLES = """
            StormEvents: StartTime:datetime, EndTime:datetime, EpisodeId:int, EventId:int, State:string, EventType:string, InjuriesDirect:int, InjuriesIndirect:int, DeathsDirect:int, DeathsIndirect:int, DamageProperty:int, DamageCrops:int, Source:string, BeginLocation:string, EndLocation:string, BeginLat:real, BeginLon:real, EndLat:real, EndLon:real, EpisodeNarrative:string, EventNarrative:string, StormSummary:dynamic
            PopulationData: State:string, Population:long
            demo_make_series1: TimeStamp:datetime, BrowserVer:string, OsVer:string, Country:string
            demo_make_series2: TimeStamp:datetime, sid:string, num:real
            demo_series2: series_name:string, x:dynamic, y:dynamic
            demo_series3: t:dynamic, num:dynamic
            demo_many_series1: TIMESTAMP:datetime, Loc:string, Op:string, DB:string, DataRead:long
            demo_clustering1: PreciseTimeStamp:datetime, Region:string, ScaleUnit:string, DeploymentId:string, Tracepoint:string, ServiceHost:string
            TransformedSensorsData: Timestamp:datetime, SensorName:string, Value:real, PublisherId:string, MachineId:string
            US_States: features:dynamic
            US_Counties: features:dynamic
            NY_Manhattan_Roads: features:dynamic
            ConferenceSessions: conference:string, sessionid:string, session_title:string, session_type:string, owner:string, participants:string, URL:string, level:int, session_location:string, starttime:datetime, duration:int, time_and_duration:string, kusto_affinity:string
            PageViewsHllTDigest: Timestamp:datetime, hllPage:dynamic, tdigestBytesDel:dynamic
            PageViewsSample: Timestamp:datetime, Page:string, BytesDelivered:long
            PageViews: Timestamp:datetime, Page:string, BytesDelivered:long
            nyc_taxi: vendor_id:string, pickup_datetime:datetime, dropoff_datetime:datetime, passenger_count:int, trip_distance:real, pickup_longitude:real, pickup_latitude:real, dropoff_longitude:real, dropoff_latitude:real, payment_type:string, fare_amount:real, tip_amount:real, total_amount:real
            Trips: vendor_id:string, pickup_datetime:datetime, dropoff_datetime:datetime, passenger_count:int, trip_distance:real, pickup_longitude:real, pickup_latitude:real, dropoff_longitude:real, dropoff_latitude:real, fare_amount:real, total_amount:real
            SalesFact: SalesAmount:real, TotalCost:real, DateKey:datetime, ProductKey:long, CustomerKey:long
            SalesTable: SalesAmount:real, TotalCost:real, DateKey:datetime, ProductKey:long, CustomerKey:long
            SalesDynamic: SalesAmount:real, Customer_Properties:dynamic
            Products: ProductKey:long, ProductName:string, Manufacturer:string, ColorName:string, ClassName:string, ProductCategoryName:string, ProductSubcategoryName:string
            Customers: CustomerKey:long, FirstName:string, LastName:string, CompanyName:string, CityName:string, StateProvinceName:string, RegionCountryName:string, ContinentName:string, Gender:string, MaritalStatus:string, Education:string, Occupation:string
            GithubEvent: Id:long, Type:string, Actor:dynamic, Repo:dynamic, Payload:dynamic, Public:bool, CreatedAt:datetime
            TraceLogs: Timestamp:datetime, ClientRequestId:string, Level:string, Message:string
            Trace: Timestamp:datetime, Text:string
            Traces: TIMESTAMP:datetime, Message:string
            OccupancyDetection: Timestamp:datetime, Temperature:real, Humidity:real, Light:real, CO2:real, HumidityRatio:real, Occupancy:bool
            SigninLogs: TimeGenerated:datetime, Identity:string, UserDisplayName:string, UserPrincipalName:string, IPAddress:string, Resource:string, ResourceGroup:string, RiskLevelDuringSignIn:string, LocationDetails:dynamic, Level:int, level:int
            Perf: TimeGenerated:datetime, Computer:string, ObjectName:string, CounterName:string, InstanceName:string, CounterValue:real, MG:string, _ResourceId:string, Type:string
            OfficeActivity: TimeGenerated:datetime, LogonUserSid:string, Operation:string, UserId:string
            SecurityEvent: TimeGenerated:datetime, Computer:string, EventID:int, Account:string, SubjectUserSid:string
            InsightsMetrics: TimeGenerated:datetime, Computer:string, Namespace:string, Name:string, Val:real
            Usage: TimeGenerated:datetime, DataType:string, Quantity:real, QuantityUnit:string
            EventsTable1: Timestamp:datetime, Session_Id:string, Level:string, EventText:string, Version:string, EventName:string
            Users: Timestamp:datetime, user:string
            irregular_ts: TimeStamp:dynamic, num:dynamic
            EarthAtNight: features:dynamic
            currentEmployees: name:string, age:long, organization:string
            reportsTo_lastKnownState: employee:string, manager:string
            EventsTable2: Timestamp:datetime, Session_Id:string, Level:string, EventText:string, Version:string, EventName:string
            """;

    static List<Table> all() {
        List<Table> out = new ArrayList<>();
        for (String line : TABLES.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] head = line.split(":", 2);
            List<Column> cols = new ArrayList<>();
            for (String c : head[1].split(",")) {
                String[] nt = c.trim().split(":");
                cols.add(new Column(nt[0].trim(), KqlType.fromKusto(nt[1].trim()), ""));
            }
            out.add(new Table(head[0].trim(), "docs", "", cols));
        }
        return out;
    }
}
