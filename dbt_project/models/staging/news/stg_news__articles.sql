with

source as (

    select * from {{ source('news', 'articles') }}

),

renamed as (

    select
        article_id::text as article_id,
        feed::text as feed,
        title::text as title,
        summary::text as summary,
        link::text as link,
        published_at::timestamptz as published_at,
        _dlt_load_id::text as dlt_load_id

    from source

)

select * from renamed
